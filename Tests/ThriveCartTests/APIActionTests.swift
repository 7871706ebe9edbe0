import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

/// Refunds and subscription actions through ThriveCart's API, over real libcurl to the mock.
@Suite struct APIActions {
    typealias S = ThriveCartScenario

    private static func account() throws -> MockThriveCartAPI {
        let mock = try MockThriveCartAPI()
        mock.sell(S.bundleOrder)
        mock.sell(S.membershipOrder)
        return mock
    }

    private static let membership = SubscriptionHandle(subscriptionID: "3498819", orderID: "3230187")

    @Test func aFullRefundPostsTheOrderItemAndReasonAsAForm() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let receipt = try await APITesting.api(mock).perform(
            .refund(RefundRequest(orderID: "3230022", itemReference: "2", reason: "customer asked within 14 days")))
        let request = try #require(mock.requests.last)
        #expect(request.method == "POST")
        #expect(request.path == "/refund")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["Authorization"] == "Bearer \(mock.apiKey)")
        #expect(request.form == ["order_id": "3230022", "reference": "2", "reason": "customer asked within 14 days"])
        #expect(receipt.summary == "refunded item 2 of ThriveCart order 3230022 in full")
    }

    @Test func aRefundMadeThroughTheAPIComesBackOnReconcileUnderItsWebhooksKey() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        _ = try await api.perform(.refund(RefundRequest(orderID: "3230022", itemReference: "2")))
        let facts = try await api.orderFacts(orderID: "3230022")
        let webhook = try APITesting.webhookFact(ThriveCartPayload.refund(S.bundleOrder, item: S.masterclassUpsell, at: Date()))
        #expect(facts.map(\.key).contains(webhook.key))
    }

    @Test func aPartialRefundIsUnsupportedAndNeverSent() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.refund(RefundRequest(orderID: "3230022", itemReference: "12", amountCents: 5_000)))
        }
        #expect(error?.kind == .unsupported)
        let unnamed = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.refund(RefundRequest(orderID: "3230022")))
        }
        #expect(unnamed?.kind == .unsupported, "ThriveCart refunds one named item at a time")
        #expect(mock.requests.isEmpty)
    }

    @Test func refundingAnItemTwiceIsRejectedWithThriveCartsReason() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        _ = try await api.perform(.refund(RefundRequest(orderID: "3230022", itemReference: "2")))
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.refund(RefundRequest(orderID: "3230022", itemReference: "2")))
        }
        #expect(error?.kind == .rejected)
        #expect(error?.status == 400)
        #expect(error?.message.contains("This item has already been refunded") == true, "\(String(describing: error))")
    }

    @Test func refundingAnOrderThriveCartDoesNotKnowIsNotFound() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.refund(RefundRequest(orderID: "9999999", itemReference: "12")))
        }
        #expect(error?.kind == .notFound)
        #expect(error?.status == 404)
    }

    @Test func cancelPostsTheOrderAndSubscription() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let receipt = try await APITesting.api(mock).perform(.cancel(Self.membership))
        let request = try #require(mock.requests.last)
        #expect(request.method == "POST")
        #expect(request.path == "/cancelSubscription")
        #expect(request.form == ["order_id": "3230187", "subscription_id": "3498819"])
        #expect(receipt.summary == "cancelled ThriveCart subscription 3498819")
    }

    @Test func pausePostsTheSubscriptionWithoutAutomaticResume() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        _ = try await APITesting.api(mock).perform(.pause(Self.membership))
        let request = try #require(mock.requests.last)
        #expect(request.path == "/pauseSubscription")
        #expect(request.form == ["order_id": "3230187", "subscription_id": "3498819", "auto_resume": "0"])
    }

    @Test func resumePostsTheOrderAndSubscription() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        _ = try await APITesting.api(mock).perform(.resume(Self.membership))
        let request = try #require(mock.requests.last)
        #expect(request.path == "/resumeSubscription")
        #expect(request.form == ["order_id": "3230187", "subscription_id": "3498819"])
    }

    @Test func aTestModeInstanceActsOnTestOrders() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        mock.sell(S.testOrder)
        _ = try await APITesting.api(mock, mode: "test").perform(.refund(RefundRequest(orderID: "3230200", itemReference: "12")))
        #expect(mock.requests.last?.headers["X-TC-Mode"] == "test")
        let liveAPI = try APITesting.api(mock)
        let live = await APICall.failure { () async throws(ProviderAPIError) in
            try await liveAPI.perform(.refund(RefundRequest(orderID: "3230200", itemReference: "12")))
        }
        #expect(live?.kind == .notFound, "a live-mode instance does not see the test order")
    }

    @Test func aSubscriptionActionWithoutTheOrderIsUnsupported() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.cancel(SubscriptionHandle(subscriptionID: "3498819")))
        }
        #expect(error?.kind == .unsupported)
        #expect(mock.requests.isEmpty)
    }

    @Test func cancellingASubscriptionTheOrderDoesNotHaveIsRejected() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.cancel(SubscriptionHandle(subscriptionID: "1111111", orderID: "3230187")))
        }
        #expect(error?.kind == .rejected)
        #expect(error?.message.contains("Order 3230187 has no subscription 1111111") == true, "\(String(describing: error))")
    }
}
