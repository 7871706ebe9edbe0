import Foundation

extension StripeEventBuilder {
    /// A subscription's state, as `customer.subscription.*` events carry it.
    public struct SubscriptionState: Sendable, Hashable {
        /// `active`, `paused`, `canceled`, `past_due`…
        public var status: String = "active"
        /// Whether the subscription ends when the current period does.
        public var cancelAtPeriodEnd = false
        /// When the cancellation was asked for.
        public var canceledAt: Date?
        /// `pause_collection.behavior` (`void`) while payment collection is paused.
        public var pauseCollection: String?

        public init(status: String = "active", cancelAtPeriodEnd: Bool = false, canceledAt: Date? = nil,
                    pauseCollection: String? = nil) {
            self.status = status
            self.cancelAtPeriodEnd = cancelAtPeriodEnd
            self.canceledAt = canceledAt
            self.pauseCollection = pauseCollection
        }
    }

    /// `customer.subscription.updated`, `.deleted`, `.paused` or `.resumed`.
    public static func subscription(type: String, eventID: String, subscriptionID: String, itemID: String,
                                    price: StripePrice, buyer: StripeBuyer, state: SubscriptionState,
                                    periodStart: Date, periodEnd: Date, latestInvoice: String?,
                                    previousAttributes: StripeJSON? = nil, created: Date,
                                    livemode: Bool = true) -> StripeJSON {
        let item: StripeJSON = .fields([
            "id": .string(itemID),
            "object": "subscription_item",
            "created": unix(periodStart),
            "metadata": .object([]),
            "price": StripeEventBuilder.price(price, created: periodStart, livemode: livemode),
            "quantity": 1,
            "subscription": .string(subscriptionID),
        ])
        let object: StripeJSON = .fields([
            "id": .string(subscriptionID),
            "object": "subscription",
            "billing_cycle_anchor": unix(periodStart),
            "cancel_at": state.cancelAtPeriodEnd ? unix(periodEnd) : nil,
            "cancel_at_period_end": .bool(state.cancelAtPeriodEnd),
            "canceled_at": state.canceledAt.map(unix) ?? .null,
            "cancellation_details": .fields([
                "comment": nil, "feedback": nil,
                "reason": state.canceledAt == nil ? nil : "cancellation_requested",
            ]),
            "collection_method": "charge_automatically",
            "created": unix(periodStart),
            "currency": .string(price.currency),
            "current_period_end": unix(periodEnd),
            "current_period_start": unix(periodStart),
            "customer": .string(buyer.customerID),
            "ended_at": state.status == "canceled" ? state.canceledAt.map(unix) ?? .null : .null,
            "items": list([item], url: "/v1/subscription_items?subscription=\(subscriptionID)", totalCount: true),
            "latest_invoice": .string(latestInvoice),
            "livemode": .bool(livemode),
            "metadata": .object([]),
            "pause_collection": state.pauseCollection.map { .fields(["behavior": .string($0), "resumes_at": nil]) } ?? .null,
            "status": .string(state.status),
        ])
        return event(id: eventID, type: type, created: created, livemode: livemode, object: object,
                     previousAttributes: previousAttributes)
    }
}
