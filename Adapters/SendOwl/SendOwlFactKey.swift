import AccessKernel

/// Idempotency keys of SendOwl facts.
///
/// SendOwl sends no delivery id, and each webhook carries the whole order as it is at
/// that moment, so a key is made of what tells two moments of an order apart and never
/// changes between retries of one delivery:
///
/// - a purchase: `INSTANCE:ORDER_ID:purchase`. The order is bought once; the deliveries
///   that repeat it (subscription setup, activation, renewals) repeat the same fact.
/// - anything else: `INSTANCE:ORDER_ID:STATE:refunded=BOOL:tx=ID,ID…:KIND`, with the
///   order's transaction ids sorted, and the fact's kind (`refund`, `dispute.opened`,
///   `subscription.renewed`…). A renewal or a refund adds a transaction, so it gets a new key.
///
/// Values are escaped (`%` as `%25`, `:` as `%3A`, `,` as `%2C`) so that a key reads back
/// unambiguously.
enum SendOwlFactKey {
    static func purchase(instance: InstanceID, orderID: String) -> FactKey {
        FactKey([escape(instance), escape(orderID), "purchase"].joined(separator: ":"))
    }

    static func change(instance: InstanceID, orderID: String, state: OrderState, refunded: Bool,
                       transactionIDs: [String], kind: String) -> FactKey {
        let transactions = transactionIDs.map(escape).sorted().joined(separator: ",")
        return FactKey([escape(instance), escape(orderID), state.rawValue, "refunded=\(refunded)",
                        "tx=\(transactions)", kind].joined(separator: ":"))
    }

    private static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == ":" || $0 == "%" || $0 == "," }) else { return value }
        return value.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }
}
