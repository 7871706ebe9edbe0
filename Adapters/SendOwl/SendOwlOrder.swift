import AccessKernel
import AdapterKit
import Foundation

/// One SendOwl order as a webhook body describes it, read field by field with SendOwl's
/// own names. Absent, `null` and empty values read as `nil`; what a fact cannot do
/// without is refused as `malformed`, naming the field.
struct SendOwlOrder {
    let fields: JSONValue

    /// `id`, the zero-padded order id (`0000123456`), else `sendowl_order_id`.
    func id() throws(AdapterError) -> String {
        guard let id = fields["id"]?.text ?? fields["sendowl_order_id"]?.text else {
            throw AdapterError(.malformed, "id is missing; every SendOwl order has its id")
        }
        return id
    }

    /// `sendowl_order_id`, the order's number without padding (`123456`).
    var number: String? { fields["sendowl_order_id"]?.text }

    /// `state`, as written.
    var state: String? { fields["state"]?.text }

    /// `refunded`; absent or `null` reads as not refunded.
    func refunded() throws(AdapterError) -> Bool {
        guard let value = fields["refunded"] else { return false }
        guard let flag = value.flag else {
            throw AdapterError(.malformed, "refunded is neither true nor false")
        }
        return flag
    }

    /// `for_subscription`: the order is a subscription (SendOwl subscriptions are orders).
    var isForSubscription: Bool { fields["for_subscription"]?.flag ?? false }

    /// `gateway` (`Stripe`, `PayPal`…).
    var gateway: String? { fields["gateway"]?.text }

    /// The buyer: `buyer_email`, and `buyer_name`, else `buyer_first_name`.
    var customer: CustomerRef {
        CustomerRef(email: fields["buyer_email"]?.text,
                    name: fields["buyer_name"]?.text ?? fields["buyer_first_name"]?.text)
    }

    /// `settled_currency`, else the first transaction's `payment_currency`, upper-cased;
    /// `XXX` (ISO 4217 "no currency") when neither is sent, as on some free orders.
    func currency() throws(AdapterError) -> String {
        let fromTransactions = try transactions().lazy.compactMap(\.currency).first
        return (fields["settled_currency"]?.text ?? fromTransactions)?.uppercased() ?? "XXX"
    }

    /// `settled_gross` in minor units, when it reads as an amount.
    func settledGross(currency: String) -> Int64? {
        fields["settled_gross"]?.text.flatMap { MoneyText.minorUnits($0, currency: currency) }
    }

    /// `cart.completed_checkout_at`.
    var completedCheckoutAt: Date? {
        fields["cart"]?["completed_checkout_at"]?.text.flatMap(SendOwlTime.parse)
    }

    /// `updated_at`, which the API sends and webhooks may.
    var updatedAt: Date? { fields["updated_at"]?.text.flatMap(SendOwlTime.parse) }

    /// `next_payment_date`: the end of the period paid for.
    var nextPaymentDate: Date? { fields["next_payment_date"]?.text.flatMap(SendOwlTime.parse) }

    /// `transactions`, in the order sent; an absent list is empty.
    func transactions() throws(AdapterError) -> [SendOwlTransaction] {
        guard let value = fields["transactions"], value != .null else { return [] }
        guard let list = value.elements else {
            throw AdapterError(.malformed, "transactions is not a list")
        }
        var transactions: [SendOwlTransaction] = []
        for (index, element) in list.enumerated() {
            guard element.isObject else {
                throw AdapterError(.malformed, "transactions[\(index)] is not an object")
            }
            transactions.append(SendOwlTransaction(fields: element, index: index))
        }
        return transactions
    }

    /// `cart.cart_items`, each with its `product` object.
    func cartItems() throws(AdapterError) -> [JSONValue] {
        guard let list = fields["cart"]?["cart_items"]?.elements, !list.isEmpty else {
            throw AdapterError(.malformed, "cart.cart_items is missing; a purchase must say what was bought")
        }
        for (index, element) in list.enumerated() where element["product"]?.isObject != true {
            throw AdapterError(.malformed, "cart.cart_items[\(index)].product is missing; a purchase must say what was bought")
        }
        return list
    }
}
