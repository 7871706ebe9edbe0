import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

/// Refunds and subscription actions reaching Stripe with the right call and form.
@Suite("Stripe API: actions")
struct APIActionTests {
    typealias S = NativeCheckoutScenario

    /// A mock holding the scenario's charges and subscription.
    private static func mock() throws -> MockStripeAPI {
        let mock = try MockStripeAPI()
        mock.addScenario()
        return mock
    }

    @Test("a full refund of a payment intent posts the payment intent and no amount")
    func fullRefundByPaymentIntent() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let intent = try #require(S.courseOrder.paymentIntent)
        let receipt = try await APITesting.api(mock).perform(.refund(RefundRequest(orderID: S.courseOrder.id, paymentID: intent)))
        let post = try #require(APITesting.requests(mock, "POST", "/v1/refunds").first)
        #expect(post.form["payment_intent"] == intent)
        #expect(post.form["amount"] == nil)
        #expect(post.form["metadata[order]"] == S.courseOrder.id)
        #expect(post.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(mock.charge(S.courseCharge)?.amountRefunded == 17_800)
        #expect(receipt.providerReference == "re_mock_1")
        #expect(receipt.summary.contains("178.00 USD"), "\(receipt.summary)")
    }

    @Test("a partial refund of a charge posts the charge, the amount and Stripe's reason")
    func partialRefundByCharge() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let request = RefundRequest(orderID: S.courseOrder.id, paymentID: S.courseCharge, amountCents: 2_900,
                                    reason: "requested_by_customer")
        _ = try await APITesting.api(mock).perform(.refund(request))
        let post = try #require(APITesting.requests(mock, "POST", "/v1/refunds").first)
        #expect(post.form["charge"] == S.courseCharge)
        #expect(post.form["amount"] == "2900")
        #expect(post.form["reason"] == "requested_by_customer")
        #expect(mock.charge(S.courseCharge)?.amountRefunded == 2_900)
    }

    @Test("a free-text reason goes in metadata, as Stripe's reason takes three words only")
    func freeTextReasonIsMetadata() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let request = RefundRequest(orderID: S.courseOrder.id, paymentID: S.courseCharge, amountCents: 100,
                                    reason: "bought the wrong course & asked by mail")
        _ = try await APITesting.api(mock).perform(.refund(request))
        let post = try #require(APITesting.requests(mock, "POST", "/v1/refunds").first)
        #expect(post.form["reason"] == nil)
        #expect(post.form["metadata[reason]"] == "bought the wrong course & asked by mail")
    }

    @Test("refunding a checkout session refunds its payment intent")
    func refundOfASessionFindsItsPaymentIntent() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        _ = try await APITesting.api(mock).perform(.refund(RefundRequest(orderID: S.metadataOrder.id)))
        #expect(APITesting.requests(mock, "GET", "/v1/checkout/sessions/\(S.metadataOrder.id)").count == 1)
        #expect(APITesting.requests(mock, "POST", "/v1/refunds").first?.form["payment_intent"] == S.metadataOrder.paymentIntent)
        #expect(mock.charge(S.metadataCharge)?.amountRefunded == 13_900)
    }

    @Test("a subscription's session has no payment to refund: unsupported, nothing refunded")
    func refundOfASubscriptionSessionIsUnsupported() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.refund(RefundRequest(orderID: S.subscriptionOrder.id)))
        }
        #expect(error?.kind == .unsupported)
        #expect(mock.refunds.isEmpty)
    }

    @Test("an item cannot be refunded without an amount: unsupported before any call")
    func itemRefundWithoutAmountIsUnsupported() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.refund(RefundRequest(orderID: S.courseOrder.id, paymentID: S.courseCharge, itemReference: "price_1RXonce")))
        }
        #expect(error?.kind == .unsupported)
        #expect(mock.requests.isEmpty)
    }

    @Test("Stripe's refusal is rejected with Stripe's own message and code")
    func stripeRefusalIsRejected() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        _ = try await api.perform(.refund(RefundRequest(orderID: S.courseOrder.id, paymentID: S.courseCharge)))
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.refund(RefundRequest(orderID: S.courseOrder.id, paymentID: S.courseCharge)))
        }
        #expect(error?.kind == .rejected)
        #expect(error?.status == 400)
        #expect(error?.message.contains("Charge \(S.courseCharge) has already been refunded. (charge_already_refunded)") == true,
                "\(String(describing: error))")
        #expect(mock.refunds.count == 1)
    }

    @Test("a refund retried after a lost answer carries the same Idempotency-Key and refunds once")
    func retriedRefundIsIdempotent() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        mock.failAfterHandling(1)
        let receipt = try await APITesting.api(mock).perform(.refund(RefundRequest(orderID: S.courseOrder.id, paymentID: S.courseCharge)))
        let posts = APITesting.requests(mock, "POST", "/v1/refunds")
        #expect(posts.count == 2)
        let keys = posts.map { $0.headers["Idempotency-Key"] }
        #expect(keys[0] != nil && keys[0] == keys[1])
        #expect(mock.refunds.count == 1)
        #expect(receipt.providerReference == "re_mock_1")
    }

    @Test("cancel deletes the subscription")
    func cancelDeletes() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let subscription = try #require(S.subscriptionOrder.subscription)
        let receipt = try await APITesting.api(mock).perform(.cancel(SubscriptionHandle(subscriptionID: subscription)))
        #expect(APITesting.requests(mock, "DELETE", "/v1/subscriptions/\(subscription)").count == 1)
        #expect(mock.subscription(subscription)?.status == "canceled")
        #expect(receipt.summary.contains("canceled"), "\(receipt.summary)")
    }

    @Test("pause voids collection and resume empties pause_collection")
    func pauseAndResume() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let subscription = try #require(S.subscriptionOrder.subscription)
        let api = try APITesting.api(mock)
        _ = try await api.perform(.pause(SubscriptionHandle(subscriptionID: subscription)))
        #expect(mock.subscription(subscription)?.pauseCollection == "void")
        _ = try await api.perform(.resume(SubscriptionHandle(subscriptionID: subscription)))
        #expect(mock.subscription(subscription)?.pauseCollection == nil)
        let posts = APITesting.requests(mock, "POST", "/v1/subscriptions/\(subscription)")
        #expect(posts.map { String(decoding: $0.body, as: UTF8.self) } == ["pause_collection%5Bbehavior%5D=void", "pause_collection="])
    }

    @Test("an unknown subscription is notFound")
    func unknownSubscriptionIsNotFound() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in
            try await api.perform(.cancel(SubscriptionHandle(subscriptionID: "sub_nope")))
        }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("No such subscription: 'sub_nope'") == true, "\(String(describing: error))")
    }
}
