import AccessKernel
import AdapterKit

/// What a checkout session sold, as mapping keys: one item per expanded line item, or
/// the single item its metadata names.
enum LineItems {
    /// The items of a paid session; `subscriptionID` goes on its recurring items.
    static func items(of session: StripeObject, subscriptionID: String?) throws(AdapterError) -> [OrderItem] {
        if let lineItems = try session.object("line_items") {
            return try expanded(lineItems, session: session, subscriptionID: subscriptionID)
        }
        if let metadata = try session.object("metadata"), let product = try metadata.string("product") {
            let amount = try session.requiredInteger("amount_total", because: "the amount paid goes with the item")
            let currency = try session.currency(because: "amounts need their currency")
            return [OrderItem(key: ItemKey(.product, product, pricingOption: try metadata.string("price")),
                              amount: amount, currency: currency, subscriptionID: subscriptionID)]
        }
        throw AdapterError(.malformed, """
            \(session.name("line_items")) and \(session.name("metadata.product")) are both missing; \
            expand line_items or set metadata product (and price) on the session to say what was bought
            """)
    }

    /// Whether the session says nothing of what was bought: no `line_items` and no
    /// `metadata.product`, so that only `GET /v1/checkout/sessions/{id}/line_items` can tell.
    /// A member of the wrong type is not "missing": the session stays refused as malformed.
    static func areMissing(in session: StripeObject) -> Bool {
        do throws(AdapterError) {
            guard try session.object("line_items") == nil else { return false }
            return try session.object("metadata")?.string("product") == nil
        } catch {
            return false
        }
    }

    /// Items from `line_items.data[]`; a list Stripe cut short (`has_more`) is refused,
    /// never read in part.
    private static func expanded(_ lineItems: StripeObject, session: StripeObject,
                                 subscriptionID: String?) throws(AdapterError) -> [OrderItem] {
        if try lineItems.bool("has_more") == true {
            throw AdapterError(.malformed, "\(lineItems.name("has_more")) is true; the event lists only part of the order")
        }
        let lines = try lineItems.objects("data")
        guard !lines.isEmpty else {
            throw AdapterError(.malformed, "\(lineItems.name("data")) is empty; a paid order bought something")
        }
        var items: [OrderItem] = []
        for line in lines {
            guard let price = try line.object("price") else {
                throw line.missing("price", because: "the price and its product are the mapping keys")
            }
            let priceID = try price.requiredString("id", because: "the price id is the pricing option")
            let productID = try price.requiredReference("product", because: "the product id is the mapping key")
            let amount = try line.requiredInteger("amount_total", because: "the amount paid goes with the item")
            let currency = try line.string("currency") != nil
                ? try line.currency(because: "amounts need their currency")
                : try session.currency(because: "amounts need their currency")
            var isRecurring = try price.object("recurring") != nil
            if let priceType = try price.string("type") { isRecurring = priceType == "recurring" }
            items.append(OrderItem(key: ItemKey(.product, productID, pricingOption: priceID), amount: amount,
                                   currency: currency, subscriptionID: isRecurring ? subscriptionID : nil))
        }
        return items
    }
}
