import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Synchronization
import Testing

@Suite struct SendOwlAPIReconciliation {
    typealias S = SendOwlScenario

    /// `count` sales of the course, one a minute from `start`, none of them delivered by webhook.
    static func sell(_ count: Int, to mock: MockSendOwlAPI, from start: Int = 1_712_000_000) {
        for index in 0..<count {
            var order = S.courseOrder
            order.number = 500_000 + Int64(index)
            order.id = String(format: "%010d", 500_000 + index)
            order.buyerEmail = "buyer\(index)@example.com"
            order.completedCheckoutAt = Date(unix: start + 60 * index)
            mock.sell(order)
        }
    }

    @Test func readsPageAfterPageOfFiftyUntilAShortPage() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        Self.sell(120, to: mock)
        let reported = Mutex<[Int]>([])
        let facts = try await SendOwlAPITesting.api(mock).recentFacts(since: Date(unix: 0)) { count in
            reported.withLock { $0.append(count) }
        }
        #expect(facts.count == 120)
        #expect(Set(facts.map(\.key)).count == 120)
        #expect(facts.allSatisfy { if case .purchase = $0.event { true } else { false } })
        #expect(mock.requests.map(\.page) == [1, 2, 3])
        #expect(mock.requests.allSatisfy { $0.path == "/api/v1_3/orders" && $0.query["per_page"] == "50" })
        #expect(reported.withLock { $0 } == [50, 100, 120])
    }

    @Test func aFullLastPageIsFollowedByAnEmptyOneBeforeStopping() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        Self.sell(100, to: mock)
        let facts = try await SendOwlAPITesting.api(mock).recentFacts(since: Date(unix: 0), progress: { _ in })
        #expect(facts.count == 100)
        #expect(mock.requests.map(\.page) == [1, 2, 3])
    }

    @Test func sinceAsksForOrdersUpdatedAfterItSoALateRefundOfAnOldOrderIsFound() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        let since = Date(unix: 1_710_200_000)
        mock.sell(S.courseOrder)                     // sold 2024-03-05, refunded after `since`
        mock.sell(S.bundleOrder)                     // sold 2024-03-07, nothing since
        mock.sell(S.testOrder)                       // sold after `since`
        mock.refund(S.courseOrder.id, gross: "£18.00", transactionID: "re_late", at: Date(unix: 1_710_252_000))
        let facts = try await SendOwlAPITesting.api(mock).recentFacts(since: since, progress: { _ in })
        let updatedAfter = try #require(mock.requests.first?.query["updated_after"])
        #expect(CalendarTimestamp.parse(updatedAfter, allowingDateOnly: false) == since)
        #expect(Set(facts.compactMap(\.event.orderID)) == [S.courseOrder.id, S.testOrder.id])
        #expect(facts.map(\.event.kindName).sorted() == ["purchase", "purchase", "refund"])
    }

    @Test func readingTheSameOrdersTwiceGivesTheSameFacts() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        for order in S.soldOrders { mock.sell(order) }
        mock.sell(S.clubRenewed, updatedAt: Date(unix: 1_715_343_265))
        let api = try SendOwlAPITesting.api(mock)
        let first = try await api.recentFacts(since: Date(unix: 0), progress: { _ in })
        let second = try await api.recentFacts(since: Date(unix: 0), progress: { _ in })
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func ordersTheWebhooksWouldIgnoreGiveNoFacts() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.failedOrder)
        mock.sell(S.courseOrder.inState("fraud_review", accessAllowed: false))
        mock.sell(S.bundleOrder.inState("partially_shipped"))
        mock.sell(S.testOrder)
        let api = try SendOwlAPITesting.api(mock, acceptsTestEvents: false)
        #expect(try await api.recentFacts(since: Date(unix: 0), progress: { _ in }).isEmpty)
        #expect(try await api.orderFacts(orderID: S.testOrder.id).isEmpty)
    }

    @Test func anOrderIsLookedUpByItsIdOrItsNumber() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.courseOrder)
        let api = try SendOwlAPITesting.api(mock)
        let byID = try await api.orderFacts(orderID: S.courseOrder.id)
        let byNumber = try await api.orderFacts(orderID: String(S.courseOrder.number))
        #expect(byID.map(\.key) == ["shop:0000123456:purchase"])
        #expect(byNumber == byID)
        #expect(mock.requests.map(\.path) == ["/api/v1_3/orders/0000123456", "/api/v1_3/orders/123456"])
    }

    @Test func anAnswerThatIsNotAnOrderListIsAMalformedResponse() async throws {
        let server = try MockAPIServer { _ in .json(200, ["orders": "none"]) }
        defer { server.stop() }
        let connection = ProviderConnection(transport: SendOwlAPITesting.client, baseURL: server.baseURL,
                                            minimumInterval: .milliseconds(20))
        let api = try #require(try SendOwlAPITesting.adapter().api(connection))
        let error = await APICall.failure { () throws(ProviderAPIError) in
            try await api.recentFacts(since: Date(unix: 0), progress: { _ in })
        }
        #expect(error?.kind == .malformedResponse)
    }
}

extension Event {
    /// The order a fact of these tests is about.
    var orderID: String? {
        switch self {
        case .purchase(let purchase): purchase.orderID
        case .refund(let refund): refund.orderID
        case .subscription(let change): change.orderID
        case .dispute(let dispute): dispute.orderID
        case .admin, .detailsChanged: nil
        }
    }
}
