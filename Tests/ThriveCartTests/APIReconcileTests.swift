import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Outbound
import Testing
import ThriveCart

/// Reconciliation from `GET /transactions`: the facts the webhooks would have given, under
/// the same keys, over real HTTP to the mock account.
@Suite struct APIReconcile {
    typealias S = ThriveCartScenario

    /// The scenario's live orders and what happened to them, sold on the mock account.
    private static func account() throws -> MockThriveCartAPI {
        let mock = try MockThriveCartAPI()
        mock.sell(S.bundleOrder)
        mock.sell(S.membershipOrder)
        mock.refund(S.bundleOrder, item: S.masterclassUpsell, at: Date(unix: 1_710_252_000))
        mock.refund(S.bundleOrder, item: S.course, amount: 5_000, at: Date(unix: 1_710_300_000))
        mock.rebill(S.membershipOrder, item: S.membership, paymentIndex: 2, at: Date(unix: 1_712_505_600),
                    nextPaymentAt: Date(unix: 1_715_097_600))
        mock.cancel(S.membershipOrder, item: S.membership, at: Date(unix: 1_717_200_000), billingPeriodEnd: Date(unix: 1_717_632_000))
        return mock
    }

    /// The webhooks ThriveCart sends for the same history.
    private static let webhooks: [PayloadValue] = [
        ThriveCartPayload.orderSuccess(S.bundleOrder),
        ThriveCartPayload.orderSuccess(S.membershipOrder),
        ThriveCartPayload.refund(S.bundleOrder, item: S.masterclassUpsell, at: Date(unix: 1_710_252_000)),
        ThriveCartPayload.refund(S.bundleOrder, item: S.course, amount: 5_000, at: Date(unix: 1_710_300_000)),
        ThriveCartPayload.subscriptionPayment(S.membershipOrder, item: S.membership, paymentIndex: 2,
                                              at: Date(unix: 1_712_505_600), nextPaymentAt: Date(unix: 1_715_097_600)),
        ThriveCartPayload.subscriptionCancelled(S.membershipOrder, item: S.membership, at: Date(unix: 1_717_200_000),
                                                billingPeriodEnd: Date(unix: 1_717_632_000)),
    ]

    @Test(arguments: BodyEncoding.allCases)
    func everyTransactionGivesTheFactItsWebhookGivesUnderTheSameKey(encoding: BodyEncoding) async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let fromAPI = try await APITesting.allFacts(APITesting.api(mock))
        let fromWebhooks = try Self.webhooks.map { try APITesting.webhookFact($0, encoding: encoding) }
        #expect(fromAPI.count == fromWebhooks.count)
        for webhook in fromWebhooks {
            let recovered = fromAPI.first { $0.key == webhook.key }
            #expect(recovered == webhook, "\(webhook.key)")
        }
    }

    @Test func aPurchaseKeepsItsProductBumpUpsellAndPricingOptionInPurchaseMapOrder() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let purchase = try #require(try await APITesting.allFacts(APITesting.api(mock))
            .first { $0.key == "tc-main:order.success:3230022" })
        guard case .purchase(let bought) = purchase.event else { Issue.record("not a purchase"); return }
        #expect(bought.items.map(\.key) == [
            ItemKey(.product, "12", pricingOption: "31670"), ItemKey(.bump, "12"), ItemKey(.upsell, "2"),
        ])
        #expect(bought.items.map(\.amount) == [19_700, 2_700, 9_700])
        #expect(purchase.customer == CustomerRef(email: "zoe.muller@example.com", name: "Zoë Müller", providerCustomerID: "16099259"))
        #expect(purchase.occurredAt == S.bundleOrder.orderedAt)
        #expect(purchase.mode == .live)
    }

    @Test func ordersWhoseWebhooksNeverCameAreRecoveredAndASecondRunRecordsNothingNew() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let delivered = APITesting.order(1, daysAgo: 2)
        let missed = [APITesting.order(2, daysAgo: 1.5), APITesting.order(3, daysAgo: 1)]
        for order in [delivered] + missed { mock.sell(order) }
        // The store keeps one fact per key; the delivered order's webhook is in it already.
        var store: Set<FactKey> = [try APITesting.webhookFact(ThriveCartPayload.orderSuccess(delivered)).key]

        let firstRun = try await api.recentFacts(since: Date().addingTimeInterval(-7 * 86_400), progress: { _ in })
        let recorded = firstRun.filter { store.insert($0.key).inserted }
        #expect(recorded.map(\.key) == ["tc-main:order.success:4000002", "tc-main:order.success:4000003"])

        let secondRun = try await api.recentFacts(since: Date().addingTimeInterval(-7 * 86_400), progress: { _ in })
        #expect(secondRun.map(\.key) == firstRun.map(\.key))
        #expect(secondRun.filter { store.insert($0.key).inserted }.isEmpty)

        for order in missed {
            let late = try APITesting.webhookFact(ThriveCartPayload.orderSuccess(order))
            #expect(!store.insert(late.key).inserted, "the late webhook of \(order.orderID) is a duplicate")
            #expect(firstRun.contains(late), "and said nothing the recovered fact did not")
        }
    }

    @Test func pagesThroughTheWholeListingWhenOneOrderIsNotEnough() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        for index in 0..<30 { mock.sell(APITesting.order(index, daysAgo: 2 + Double(index) / 24)) }
        let progress = ProgressLog()
        let facts = try await APITesting.api(mock).recentFacts(since: .distantPast, progress: { progress.note($0) })

        #expect(facts.count == 30)
        #expect(Set(facts.map(\.key)).count == 30)
        #expect(facts.allSatisfy { fact in
            if case .purchase(let bought) = fact.event { bought.items.count == 2 } else { false }
        }, "a course and its bump per order, even when they fall on two pages")
        #expect(mock.requests.map { $0.query["page"] } == ["1", "2", "3"])
        #expect(mock.requests.allSatisfy { $0.path == "/transactions" && $0.query["perPage"] == "25" && $0.query["transactionType"] == "any" })
        #expect(progress.values == [25, 50, 60])
    }

    @Test func sinceLeavesOutOlderEventsAndStopsPagingOnceThePagesAreOlder() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        for index in 0..<60 {
            var order = APITesting.order(index, daysAgo: 2 + Double(index))
            order.items = [S.course]
            mock.sell(order)
        }
        let since = Date().addingTimeInterval(-(2 + 9.5) * 86_400)
        let facts = try await APITesting.api(mock).recentFacts(since: since, progress: { _ in })

        #expect(facts.map(\.key) == (0..<10).reversed().map { FactKey("tc-main:order.success:\(4_000_000 + $0)") })
        #expect(facts.allSatisfy { $0.occurredAt >= since })
        #expect(mock.requests.map { $0.query["page"] } == ["1", "2"], "page 2 is older than since; page 3 is never asked for")
    }

    @Test func anOrderStillInItsFunnelIsLeftForTheNextRun() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        var buying = APITesting.order(1, daysAgo: 0)
        buying.items = [S.course]
        mock.sell(buying)
        mock.sell(APITesting.order(2, daysAgo: 1))
        let api = try APITesting.api(mock)

        let facts = try await api.recentFacts(since: Date().addingTimeInterval(-86_400 * 2), progress: { _ in })
        #expect(facts.map(\.key) == ["tc-main:order.success:4000002"],
                "a purchase recorded before its upsells would shadow the webhook's under the same key")
    }

    @Test func orderFactsReportsOneOrderWithItsRefundsAsTheListingDoes() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let order = try await api.orderFacts(orderID: "3230022")
        let all = try await APITesting.allFacts(api)
        #expect(order.map(\.key) == [
            "tc-main:order.success:3230022",
            "tc-main:order.refund:3230022:item=upsell-2:amount=9700:invoice=000000141",
            "tc-main:order.refund:3230022:item=product-12:amount=5000:invoice=000000141",
        ])
        #expect(order == all.filter { $0.key.rawValue.contains(":3230022") })
    }

    @Test func orderFactsOfAnOrderThriveCartDoesNotListIsNotFound() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await api.orderFacts(orderID: "999") }
        #expect(error?.kind == .notFound)
    }

    @Test func aTestModeInstanceAsksForTestTransactionsAndGetsTestModeFacts() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        mock.sell(S.bundleOrder)
        mock.sell(S.testOrder)

        let facts = try await APITesting.allFacts(APITesting.api(mock, mode: "test"))
        #expect(facts == [try APITesting.webhookFact(ThriveCartPayload.orderSuccess(S.testOrder))])
        #expect(facts.first?.mode == .test)
        #expect(mock.requests.allSatisfy { $0.headers["X-TC-Mode"] == "test" })

        let live = try await APITesting.allFacts(APITesting.api(mock))
        #expect(live.map(\.key) == ["tc-main:order.success:3230022"])
        #expect(live.allSatisfy { $0.mode == .live })
    }

    @Test func testTransactionsAreLeftOutWhenTheInstanceRefusesTestEvents() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        mock.sell(S.testOrder)
        let facts = try await APITesting.allFacts(APITesting.api(mock, mode: "test", acceptsTestEvents: false))
        #expect(facts.isEmpty)
    }

    @Test func anInstanceWithoutAPIKeyHasNoAPIAndAnUnknownModeIsMisconfigured() throws {
        let connection = ProviderConnection(transport: ClosedTransport())
        let adapter = try ThriveCartAdapter(instance: AdapterInstance(id: "tc-main", secrets: ["secret": S.secretWord]))
        #expect(adapter.api(connection) == nil)
        #expect(throws: AdapterError(.misconfigured, "instance tc-main has api_mode sandbox; expected live or test")) {
            try ThriveCartAdapter(instance: AdapterInstance(id: "tc-main", secrets: ["secret": S.secretWord, "api_key": "k",
                                                                                    "api_mode": "sandbox"]))
        }
    }
}

/// A transport for tests that must not send anything.
private struct ClosedTransport: HTTPTransport {
    func send(_ request: OutboundRequest) async throws -> OutboundResponse {
        throw OutboundError(kind: .transport, message: "this test sends nothing")
    }
}
