import AccessKernel
import AdapterKit
import Foundation

/// One decoded ThriveCart delivery, read by field names as ThriveCart writes them.
///
/// ThriveCart sends absent values as empty text or the word `null`; both read as `nil`.
struct Delivery {
    let fields: FormTable

    /// The trimmed text at a path, or `nil` when absent, empty, `null` or a table.
    func text(_ path: String...) -> String? { text(at: path) }

    func text(at path: [String]) -> String? { fields.text(at: path) }

    /// The table at a path, if there is one.
    func table(_ path: String...) -> FormTable? { fields.value(at: path)?.table }

    /// The text at a path, or a `malformed` error naming the field.
    func required(_ path: String..., because reason: String) throws(AdapterError) -> String {
        guard let value = text(at: path) else {
            throw AdapterError(.malformed, "\(Self.name(of: path)) is missing; \(reason)")
        }
        return value
    }

    /// An amount in cents at a path, or a `malformed` error naming the field.
    func cents(_ path: [String]) throws(AdapterError) -> Int64? {
        guard let text = text(at: path) else { return nil }
        guard let value = Int64(text) else {
            throw AdapterError(.malformed, "\(Self.name(of: path)) is \"\(text.prefix(32))\", not an amount in cents")
        }
        return value
    }

    /// The `event` field.
    var event: String? { text("event") }

    /// Test mode: `mode` is `test` or `mode_int` is 1. A delivery saying both live and
    /// test is taken as test, so that it can never open a live course.
    var mode: Mode {
        text("mode")?.lowercased() == "test" || text("mode_int") == "1" ? .test : .live
    }

    /// When it happened: the event's own `date_unix` (rebills, refunds, cancellations),
    /// else `order_timestamp`, else `order_date`, else `date`, else when it arrived.
    func occurredAt(receivedAt: Date) -> Date {
        for path in [["date_unix"], ["order_timestamp"], ["order_date"], ["date"]] {
            if let text = text(at: path), let date = ThriveCartDate.parse(text) { return date }
        }
        return receivedAt
    }

    /// The customer as the payload names them.
    var customer: CustomerRef {
        let first = text("customer", "first_name") ?? text("customer", "firstname")
        let last = text("customer", "last_name") ?? text("customer", "lastname")
        let joined = [first, last].compactMap { $0 }.joined(separator: " ")
        return CustomerRef(email: text("customer", "email"),
                           name: joined.isEmpty ? text("customer", "name") : joined,
                           providerCustomerID: text("customer_id") ?? text("customer", "id"))
    }

    /// The order's currency, upper-cased.
    func currency() throws(AdapterError) -> String {
        guard let currency = text("currency") ?? text("order", "currency") else {
            throw AdapterError(.malformed, "currency is missing; amounts need their currency")
        }
        return currency.uppercased()
    }

    /// A path written the way ThriveCart's form keys are: `order[charges][0][amount]`.
    static func name(of path: [String]) -> String {
        guard let first = path.first else { return "" }
        return first + path.dropFirst().map { "[\($0)]" }.joined()
    }
}
