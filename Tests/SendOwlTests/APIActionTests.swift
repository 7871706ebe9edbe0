import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlAPIActions {
    typealias S = SendOwlScenario

    @Test func aFullRefundPostsNoAmountAndSendOwlRefundsWhatIsLeft() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.courseOrder)
        let api = try SendOwlAPITesting.api(mock)
        let receipt = try await api.perform(.refund(RefundRequest(orderID: S.courseOrder.id)))
        let request = try #require(mock.requests.last)
        #expect(request.method == "POST")
        #expect(request.path == "/api/v1/orders/0000123456/refund")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.json?.isEmpty == true)
        #expect(receipt.summary == "refunded in full SendOwl order 0000123456")
        #expect(mock.order(S.courseOrder.id)?.refunded == true)

        let refund = try #require(try await api.orderFacts(orderID: S.courseOrder.id).compactMap { fact -> Refund? in
            if case .refund(let refund) = fact.event { refund } else { nil }
        }.first)
        #expect(refund.amount == 1_800)
        #expect(refund.isFull == true)
    }

    @Test func aPartialRefundPostsTheAmountInSendOwlsDecimals() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.bundleOrder)
        let api = try SendOwlAPITesting.api(mock)
        let receipt = try await api.perform(.refund(RefundRequest(orderID: S.bundleOrder.id, amountCents: 2_505)))
        let request = try #require(mock.requests.last)
        #expect(request.path == "/api/v1/orders/0000123458/refund")
        #expect(request.json?["amount"] as? String == "25.05")
        #expect(receipt.summary == "refunded 25.05 of SendOwl order 0000123458")
        #expect(mock.order(S.bundleOrder.id)?.transactions.last?.gross == "-25.05")

        let refund = try #require(try await api.orderFacts(orderID: S.bundleOrder.id).compactMap { fact -> Refund? in
            if case .refund(let refund) = fact.event { refund } else { nil }
        }.first)
        #expect(refund.amount == 2_505)
        #expect(refund.isFull == false)
    }

    @Test func cancellingPutsToTheOrdersCancelSubscription() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.clubRenewed)
        let api = try SendOwlAPITesting.api(mock)
        let receipt = try await api.perform(.cancel(SubscriptionHandle(subscriptionID: S.clubRenewed.id)))
        let request = try #require(mock.requests.last)
        #expect(request.method == "PUT")
        #expect(request.path == "/api/v1/orders/0048206320/cancel_subscription")
        #expect(receipt.summary == "cancelled the subscription of SendOwl order 0048206320")
        #expect(mock.order(S.clubRenewed.id)?.state == "subscription_cancelled")

        let again = await APICall.failure { () throws(ProviderAPIError) in
            try await api.perform(.cancel(SubscriptionHandle(subscriptionID: "sub", orderID: S.clubRenewed.id)))
        }
        #expect(again?.kind == .rejected)
        #expect(again?.message.hasSuffix("subscription has already been cancelled") == true)
    }

    @Test(arguments: [ProviderAction.pause(SubscriptionHandle(subscriptionID: "0048206320")),
                      .resume(SubscriptionHandle(subscriptionID: "0048206320")),
                      .refund(RefundRequest(orderID: "0000123458", itemReference: "880")),
                      .refund(RefundRequest(orderID: "0000123458", paymentID: "ch_3OqS9dKt5ENTcJ3A1a2B3c4D"))])
    func whatSendOwlCannotDoIsUnsupportedAndNeverSent(action: ProviderAction) async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.clubRenewed)
        mock.sell(S.bundleOrder)
        let api = try SendOwlAPITesting.api(mock)
        let error = await APICall.failure { () throws(ProviderAPIError) in try await api.perform(action) }
        #expect(error?.kind == .unsupported)
        #expect(mock.requests.isEmpty)
    }
}
