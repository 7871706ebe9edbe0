import Foundation

/// One entry of an order's `transactions`: a payment, or a refund (`refund: true`).
struct SendOwlTransaction {
    let fields: JSONValue
    /// Its position in `transactions`, for a transaction that has no id.
    let index: Int

    /// `gateway_transaction_id`, else a stand-in made of when it happened (or where it
    /// sits), so that every transaction counts in the idempotency key.
    var id: String {
        fields["gateway_transaction_id"]?.text ?? fields["created_at"]?.text.map { "at-\($0)" } ?? "index-\(index)"
    }

    /// `refund`: this transaction gave money back.
    var isRefund: Bool { fields["refund"]?.flag ?? false }

    /// `payment_currency`.
    var currency: String? { fields["payment_currency"]?.text }

    /// `created_at`.
    var createdAt: Date? { fields["created_at"]?.text.flatMap(SendOwlTime.parse) }

    /// `payment_gross` in minor units, as a magnitude (refunds are written negative).
    func gross(currency: String) -> Int64? {
        fields["payment_gross"]?.text.flatMap { MoneyText.minorUnits($0, currency: currency) }.map { $0 == .min ? 0 : Swift.abs($0) }
    }
}
