import Foundation

/// Webhook bodies with SendOwl's real field names: `{"order": {…}}`, the order as it is at
/// the moment of the event, field order and `null`s as in recorded deliveries.
public enum SendOwlPayload {
    /// The body SendOwl sends for `order` (every webhook event sends this same shape).
    public static func body(_ order: SendOwlOrder) -> SendOwlJSON {
        .object([SendOwlMember("order", self.order(order))])
    }

    /// The `order` object.
    public static func order(_ order: SendOwlOrder) -> SendOwlJSON {
        .object([
            SendOwlMember("state", .string(order.state)),
            SendOwlMember("gateway", .string(order.gateway)),
            SendOwlMember("buyer_email", .string(order.buyerEmail)),
            SendOwlMember("paypal_email", .null),
            SendOwlMember("buyer_name", .string(order.buyerName)),
            SendOwlMember("business_name", .null),
            SendOwlMember("buyer_ip_address", "203.0.113.24"),
            SendOwlMember("settled_currency", .text(order.settledCurrency)),
            SendOwlMember("access_allowed", .bool(order.accessAllowed)),
            SendOwlMember("dispatched_at", .null),
            SendOwlMember("tag", .text(order.tag)),
            SendOwlMember("giftee_name", .null),
            SendOwlMember("giftee_email", .null),
            SendOwlMember("download_url", .string("https://transactions.sendowl.com/orders/\(order.number)/download/5c2a9e1f")),
            SendOwlMember("subscription_management_url", .text(order.subscriptionManagementURL)),
            SendOwlMember("id", .string(order.id)),
            SendOwlMember("sendowl_order_id", .integer(order.number)),
            SendOwlMember("refunded", .bool(order.refunded)),
            SendOwlMember("settled_gross", .text(order.settledGross)),
            SendOwlMember("for_subscription", .bool(order.forSubscription)),
            SendOwlMember("payment_method", order.transactions.isEmpty ? .null : "card"),
            SendOwlMember("cart", .object([
                SendOwlMember("completed_checkout_at", .string(SendOwlTimeText.iso8601(order.completedCheckoutAt))),
                SendOwlMember("cart_items", .array(order.items.map(cartItem))),
            ])),
            SendOwlMember("licenses", .array([])),
            SendOwlMember("transactions", .array(order.transactions.map(transaction))),
            SendOwlMember("next_payment_date", .text(order.nextPaymentDate.map(SendOwlTimeText.iso8601))),
            SendOwlMember("buyer_first_name", .string(order.buyerFirstName)),
            SendOwlMember("validity_statement", .null),
        ])
    }

    private static func cartItem(_ item: SendOwlCartItem) -> SendOwlJSON {
        var product: [SendOwlMember] = [
            SendOwlMember("id", .integer(item.productID)),
            SendOwlMember("name", .string(item.name)),
            SendOwlMember("product_type", .string(item.productType)),
        ]
        if let price = item.price { product.append(SendOwlMember("price", .string(price))) }
        if let recurring = item.recurringPrice {
            product += [
                SendOwlMember("recurring_type", "ongoing"),
                SendOwlMember("frequency_interval", "month"),
                SendOwlMember("frequency_value", .integer(1)),
                SendOwlMember("recurring_price", .string(recurring)),
            ]
        }
        return .object([
            SendOwlMember("quantity", .integer(item.quantity)),
            SendOwlMember("valid_until", .null),
            SendOwlMember("download_attempts", .integer(3)),
            SendOwlMember("product", .object(product)),
        ])
    }

    private static func transaction(_ record: SendOwlTransactionRecord) -> SendOwlJSON {
        .object([
            SendOwlMember("gateway_transaction_id", .string(record.id)),
            SendOwlMember("payment_currency", .string(record.currency)),
            SendOwlMember("alternate_pay_method_note", .null),
            SendOwlMember("created_at", .string(SendOwlTimeText.iso8601(record.createdAt))),
            SendOwlMember("payment_gross", .string(record.gross)),
            SendOwlMember("refund", .bool(record.refund)),
        ])
    }
}
