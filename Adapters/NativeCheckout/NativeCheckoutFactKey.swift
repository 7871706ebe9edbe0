import Foundation
import AccessKernel

/// Idempotency keys of native-checkout facts: `INSTANCE:EVENT_TYPE:EVENT_ID`
/// (`checkout:charge.refunded:evt_3PqR…`).
///
/// Stripe's event id is unique and stays the same on every retry, so it alone carries
/// the dedup; the instance keeps two Stripe accounts apart and the type makes keys
/// readable in timelines. Values are escaped (`%` as `%25`, `:` as `%3A`) so that a key
/// reads back unambiguously.
enum NativeCheckoutFactKey {
    static func make(instance: InstanceID, type: String, eventID: String) -> FactKey {
        FactKey([instance, type, eventID].map(escape).joined(separator: ":"))
    }

    private static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == ":" || $0 == "%" }) else { return value }
        return value.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ":", with: "%3A")
    }
}
