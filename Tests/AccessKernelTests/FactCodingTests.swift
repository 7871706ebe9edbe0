import AccessKernel
import Foundation
import Testing

/// Facts are stored as JSON for years: every kind must come back exactly as it went in.
@Suite("Fact coding")
struct FactCodingTests {
    /// One fact of every event kind and variant, with optional fields both set and unset.
    static let everyEvent: [Event] = [
        .purchase(Purchase(orderID: "o1", otherOrderIDs: ["pi_1", "cs_1"], items: [
            .of(.product, "p1", option: "annual", amount: 19_900, subscription: "sub_1"),
            .of(.bump, "b1", amount: 900), .of(.upsell, "u1"), .of(.downsell, "d1"), .of(.bundle, "bundle"),
        ])),
        .refund(Refund(orderID: "o1", amount: 500, currency: "EUR")),
        .refund(Refund(orderID: "o1", item: ItemKey(.bump, "b1"), amount: 900, currency: "EUR", isFull: true)),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .started(periodEnd: day(30)))),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", orderID: "o1", productID: "p1",
                                         change: .started(periodEnd: nil))),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .renewed(periodEnd: day(60)))),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .renewed(periodEnd: nil))),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .paused)),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .resumed)),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .cancelled(
            Cancellation(effective: .periodEnd, periodEnd: day(30), initiator: .customer)))),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .cancelled(
            Cancellation(effective: .now, initiator: .provider)))),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .cancelled(
            Cancellation(effective: .now, initiator: .admin)))),
        .subscription(SubscriptionChange(subscriptionID: "sub_1", change: .paymentFailed)),
        .dispute(Dispute(orderID: "o1", disputeID: "dp_1")),
        .dispute(Dispute(orderID: "o1", disputeID: "dp_1", outcome: .won)),
        .dispute(Dispute(orderID: "o1", disputeID: "dp_1", outcome: .lost)),
        .admin(AdminAction(actor: "support", action: .grant(.course("guitar"), until: nil))),
        .admin(AdminAction(actor: "cli", action: .grant(.course("guitar"), until: day(7)), note: "comp")),
        .admin(AdminAction(actor: "import", action: .grant(.item(instance: "tc", key: ItemKey(.bundle, "b", pricingOption: "x")),
                                                           until: nil))),
        .admin(AdminAction(actor: "support", action: .revoke(course: "guitar", message: "Contact us"))),
        .admin(AdminAction(actor: "support", action: .revoke(course: "guitar", message: nil))),
        .admin(AdminAction(actor: "support", action: .restore(course: "guitar"))),
        .admin(AdminAction(actor: "support", action: .setExpiry(course: "guitar", at: day(90)))),
        .admin(AdminAction(actor: "support", action: .removeExpiry(course: "guitar"))),
        .detailsChanged(CustomerDetails(name: "Ann B", email: "ann@new.example")),
        .detailsChanged(CustomerDetails(erased: true)),
    ]

    static let facts: [Fact] = everyEvent.enumerated().map { index, event in
        Fact(key: FactKey("tc:evt_\(index):\(event.kindName)"), instance: "tc", occurredAt: day(Double(index)),
             mode: index.isMultiple(of: 2) ? .live : .test,
             customer: index.isMultiple(of: 3) ? CustomerRef() : CustomerRef(email: "ann@example.com", name: "Ann",
                                                                              providerCustomerID: "cus_1"),
             event: event)
    }

    @Test("every event kind round-trips through the stored JSON form", arguments: facts)
    func roundTrip(fact: Fact) throws {
        let data = try Fact.makeEncoder().encode(fact)
        let decoded = try Fact.makeDecoder().decode(Fact.self, from: data)

        #expect(decoded == fact)
        #expect(try Fact.makeEncoder().encode(decoded) == data, "encoding is deterministic (sorted keys)")
    }

    @Test("the stored form tags the event with its type and dates as epoch seconds")
    func storedShape() throws {
        let fact = Fact.purchase("k", order: "o1", items: [.of(.product, "p1")], at: day(0))
        let json = try #require(JSONSerialization.jsonObject(with: Fact.makeEncoder().encode(fact)) as? [String: Any])
        let event = try #require(json["event"] as? [String: Any])

        #expect(json["key"] as? String == "k")
        #expect(json["occurredAt"] as? Double == Clock.start.timeIntervalSince1970)
        #expect(event["type"] as? String == "purchase")
        #expect(event["purchase"] is [String: Any])
    }

    @Test("an unknown event type is a decoding error, not a guess")
    func unknownTypeIsRejected() throws {
        let fact = Fact.purchase("k", order: "o1", items: [.of(.product, "p1")], at: day(0))
        let text = try #require(String(data: Fact.makeEncoder().encode(fact), encoding: .utf8))
        let tampered = Data(text.replacingOccurrences(of: "\"type\":\"purchase\"", with: "\"type\":\"gift\"").utf8)

        #expect(throws: DecodingError.self) { try Fact.makeDecoder().decode(Fact.self, from: tampered) }
    }

    @Test("every event kind has a stable kind name")
    func kindNames() {
        #expect(Self.everyEvent.map(\.kindName) == [
            "purchase", "refund", "refund",
            "subscription.started", "subscription.started", "subscription.renewed", "subscription.renewed",
            "subscription.paused", "subscription.resumed", "subscription.cancelled", "subscription.cancelled",
            "subscription.cancelled", "subscription.payment_failed",
            "dispute.opened", "dispute.closed", "dispute.closed",
            "admin.grant", "admin.grant", "admin.grant", "admin.revoke", "admin.revoke", "admin.restore",
            "admin.set_expiry", "admin.remove_expiry",
            "customer.details_changed", "customer.details_changed",
        ])
    }
}
