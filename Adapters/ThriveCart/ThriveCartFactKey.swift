import AccessKernel

/// Idempotency keys of ThriveCart facts:
/// `INSTANCE:EVENT:ORDER_ID[:label=value…]`.
///
/// ThriveCart sends no delivery id, so a key is made of what tells two different events
/// apart and never changes between retries of one delivery: the refunded item and
/// amount, the subscription, the invoice (`000000141-6` for the sixth payment). Values
/// are escaped (`%` as `%25`, `:` as `%3A`) so that a key reads back unambiguously.
enum ThriveCartFactKey {
    static func make(instance: InstanceID, event: ThriveCartEvent, orderID: String,
                     parts: [(label: String, value: String)]) -> FactKey {
        var key = [escape(instance), event.rawValue, escape(orderID)]
        key += parts.map { "\($0.label)=\(escape($0.value))" }
        return FactKey(key.joined(separator: ":"))
    }

    private static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == ":" || $0 == "%" }) else { return value }
        return value.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ":", with: "%3A")
    }
}
