import Synchronization
import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

/// Recovering missed webhooks from `GET /v1/events`: the same facts, with the same keys,
/// as the webhooks would have given.
@Suite("Stripe API: reconciliation")
struct APIReconciliationTests {
    typealias S = NativeCheckoutScenario
    static let longAgo = Date(unix: 1_700_000_000)

    @Test("every undelivered event gives exactly the fact its webhook gives")
    func listedEventsGiveTheWebhooksFacts() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        mock.addScenario()
        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { _ in }
        let webhook = try S.deliveries.flatMap { try APITesting.webhookFacts($0.event) }
        #expect(webhook.count == 18)
        #expect(facts.count == webhook.count)
        #expect(Set(facts) == Set(webhook))
        #expect(facts.map(\.occurredAt) == facts.map(\.occurredAt).sorted(), "oldest first")
    }

    @Test("only undelivered events are asked for, and only they are recorded")
    func deliveredEventsAreLeftOut() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        let delivered: Set<String> = ["checkout.session.completed", "invoice.paid", "charge.refunded.full"]
        mock.addScenario(delivered: delivered)
        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { _ in }
        let missed = try S.deliveries.filter { !delivered.contains($0.name) }.flatMap { try APITesting.webhookFacts($0.event) }
        #expect(Set(facts) == Set(missed))
        #expect(facts.count == 15)
        let listing = APITesting.requests(mock, "GET", "/v1/events")
        #expect(listing.count == 1)
        #expect(listing.first?.query["delivery_success"] == "false")
    }

    @Test("a session with neither line items nor metadata is read with its fetched line items, keyed by its event")
    func sessionWithoutLineItemsIsCompletedThroughTheAPI() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        var bare = S.courseOrder
        bare.expandsLineItems = false
        mock.addSession(bare)
        let event = StripeEventBuilder.checkoutSession(bare, eventID: "evt_1BareSessionNoItems")
        mock.addEvent(event, delivered: false)

        let refusal = try NativeCheckoutTesting.refusal(event)
        #expect(refusal?.kind == .malformed, "the webhook alone cannot tell what was bought")

        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { _ in }
        let expanded = try APITesting.webhookFacts(StripeEventBuilder.checkoutSession(S.courseOrder, eventID: "evt_1BareSessionNoItems"))
        #expect(expanded.count == 1)
        #expect(facts == expanded)
        #expect(APITesting.requests(mock, "GET", "/v1/checkout/sessions/\(bare.id)/line_items").count == 1)
    }

    @Test("line items longer than a page are all read")
    func lineItemsArePaged() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        var big = S.courseOrder
        big.lineItems = (0..<105).map { index in
            StripeLineItem(id: "li_1Bulk\(index)", price: StripePrice(id: "price_1Bulk\(index)", productID: "prod_Bulk\(index)",
                                                                     unitAmount: 1_000, currency: "usd"),
                           description: "Workshop \(index)")
        }
        big.expandsLineItems = false
        mock.addSession(big)
        mock.addEvent(StripeEventBuilder.checkoutSession(big, eventID: "evt_1BulkSession"), delivered: false)

        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { _ in }
        guard case .purchase(let purchase)? = facts.first?.event else {
            Issue.record("expected a purchase, got \(facts)")
            return
        }
        #expect(purchase.items.count == 105)
        #expect(purchase.items.last?.key == ItemKey(.product, "prod_Bulk104", pricingOption: "price_1Bulk104"))
        let pages = APITesting.requests(mock, "GET", "/v1/checkout/sessions/\(big.id)/line_items")
        #expect(pages.map { $0.query["starting_after"] } == [nil, "li_1Bulk99"])
    }

    @Test("more events than a page are read page after page, with progress after each")
    func eventsArePaged() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        for index in 0..<250 { mock.addEvent(APITesting.renewal(index, created: Date(unix: 1_719_000_000 + index)), delivered: false) }
        let counts = ProgressLog()
        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { counts.append($0) }
        #expect(facts.count == 250)
        #expect(Set(facts.map(\.key)).count == 250)
        #expect(counts.values == [100, 200, 250])
        let pages = APITesting.requests(mock, "GET", "/v1/events")
        #expect(pages.map { $0.query["limit"] } == ["100", "100", "100"])
        // Newest first: the first page ends with renewal 150, the second with renewal 50.
        #expect(pages.map { $0.query["starting_after"] } == [nil, "evt_1Renewal150", "evt_1Renewal50"])
    }

    @Test("since is sent as created[gte] and nothing older is recorded")
    func sinceFiltersByCreation() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        for index in 0..<10 { mock.addEvent(APITesting.renewal(index, created: Date(unix: 1_719_000_000 + index * 3_600)), delivered: false) }
        let since = Date(unix: 1_719_000_000 + 6 * 3_600)
        let facts = try await APITesting.api(mock).recentFacts(since: since) { _ in }
        #expect(facts.map(\.key.rawValue) == (6..<10).map { "checkout:invoice.paid:evt_1Renewal\($0)" })
        #expect(APITesting.requests(mock, "GET", "/v1/events").first?.query["created[gte]"] == "1719021600")
    }

    @Test("a test-mode event gives a test-mode fact, and none for an instance refusing test events, as its webhook")
    func testModeEventsFollowTheWebhookPath() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        let event = try NativeCheckoutTesting.delivery("checkout.session.completed.test-mode")
        mock.addEvent(event, delivered: false)
        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { _ in }
        #expect(facts.map(\.mode) == [.test])
        #expect(facts == (try APITesting.webhookFacts(event)))
        let refusing = try await APITesting.api(mock, acceptsTestEvents: false).recentFacts(since: Self.longAgo) { _ in }
        #expect(refusing.isEmpty)
        #expect(try APITesting.webhookFacts(event, acceptsTestEvents: false).isEmpty)
    }

    @Test("an instance without api_key offers no API")
    func noKeyNoAPI() throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        #expect(try APITesting.adapter(apiKey: nil).api(APITesting.connection(to: mock)) == nil)
        #expect(try APITesting.adapter(apiKey: "").api(APITesting.connection(to: mock)) == nil)
        #expect(try APITesting.adapter().api(APITesting.connection(to: mock)) != nil)
    }
}

/// Order lookup: a checkout session's purchase, keyed by the event that reported it.
@Suite("Stripe API: one order")
struct APIOrderTests {
    typealias S = NativeCheckoutScenario

    @Test("a session's purchase is keyed as its checkout.session.completed webhook")
    func sessionGivesItsCompletionFact() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        mock.addScenario(delivered: Set(S.deliveries.map(\.name)))
        let facts = try await APITesting.api(mock).orderFacts(orderID: S.courseOrder.id)
        #expect(facts == (try APITesting.webhookFacts(try NativeCheckoutTesting.delivery("checkout.session.completed"))))
        let lookups = APITesting.requests(mock, "GET", "/v1/events")
        #expect(lookups.map { $0.query["type"] } == ["checkout.session.completed", "checkout.session.async_payment_succeeded"])
        #expect(lookups.allSatisfy { $0.query["created[gte]"] == "1717400000" })
    }

    @Test("a debit paid later gives the async payment's fact, not the unpaid completion")
    func asyncPaymentGivesItsFact() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        mock.addScenario(delivered: Set(S.deliveries.map(\.name)))
        let facts = try await APITesting.api(mock).orderFacts(orderID: S.sepaOrder.id)
        #expect(facts == (try APITesting.webhookFacts(try NativeCheckoutTesting.delivery("checkout.session.async_payment_succeeded"))))
    }

    @Test("an unknown session is notFound")
    func unknownSessionIsNotFound() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await api.orderFacts(orderID: "cs_live_nope") }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("No such checkout.session") == true, "\(String(describing: error))")
    }

    @Test("a session whose events Stripe no longer lists is unsupported rather than keyed otherwise")
    func sessionWithoutEventsIsUnsupported() async throws {
        let mock = try MockStripeAPI()
        defer { mock.stop() }
        mock.addSession(S.courseOrder)
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await api.orderFacts(orderID: S.courseOrder.id) }
        #expect(error?.kind == .unsupported)
    }
}

/// Counts reported by `progress`, from whichever task reports them.
final class ProgressLog: Sendable {
    private let log = Mutex<[Int]>([])
    func append(_ count: Int) { log.withLock { $0.append(count) } }
    var values: [Int] { log.withLock { $0 } }
}
