import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct IdempotencyKeys {
    typealias S = NativeCheckoutScenario

    @Test func keyIsInstanceEventTypeAndEventID() throws {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("checkout.session.completed"))
        #expect(fact.key == "checkout:checkout.session.completed:evt_1PqRsT2eZvKYlo2CcsDone")
    }

    @Test func retryOfAnEventHasTheSameKeyWheneverItArrives() throws {
        let adapter = try NativeCheckoutTesting.adapter()
        let event = try NativeCheckoutTesting.delivery("charge.refunded.partial")
        let first = try adapter.verify(NativeCheckoutRequest.make(event, receivedAt: Date(unix: 1_720_000_000)))
        let retry = try adapter.verify(NativeCheckoutRequest.make(event, receivedAt: Date(unix: 1_720_259_200)))
        #expect(first == retry, "a retry three days later, signed anew")
    }

    @Test func everyRecordedEventHasItsOwnKey() throws {
        let keys = try S.deliveries.flatMap { _, event -> [FactKey] in
            guard case .facts(let facts) = try NativeCheckoutTesting.verdict(event) else { return [] }
            return facts.map(\.key)
        }
        #expect(keys.count == 18)
        #expect(Set(keys).count == keys.count)
        #expect(keys.allSatisfy { $0.rawValue.hasPrefix("checkout:") })
    }

    @Test func twoAccountsGiveDifferentKeysForTheSameEventID() throws {
        let other = try NativeCheckoutAdapter(instance: AdapterInstance(id: "checkout-eu", secrets: ["webhook_secret": S.webhookSecret]))
        let event = try NativeCheckoutTesting.delivery("invoice.paid")
        guard case .facts(let facts) = try other.verify(NativeCheckoutRequest.make(event)) else {
            Issue.record("expected facts")
            return
        }
        #expect(facts.map(\.key) == ["checkout-eu:invoice.paid:evt_1PvQaB2eZvKYlo2CinvPaid2"])
        #expect(facts.map(\.instance) == ["checkout-eu"])
    }

    @Test func colonsInsideValuesAreEscapedSoKeysReadBackUnambiguously() throws {
        var event = try NativeCheckoutTesting.delivery("invoice.paid")
        event["id"] = "evt:1%"
        #expect(try NativeCheckoutTesting.fact(event).key == "checkout:invoice.paid:evt%3A1%25")
    }

    @Test func asyncPaymentAndCompletionOfOneSessionAreTwoFactsOfOneOrder() throws {
        var paid = S.sepaOrder
        paid.paymentStatus = "paid"
        let completed = try NativeCheckoutTesting.fact(StripeEventBuilder.checkoutSession(paid, eventID: "evt_completed"))
        let async = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("checkout.session.async_payment_succeeded"))
        #expect(completed.key != async.key)
        guard case .purchase(let one) = completed.event, case .purchase(let two) = async.event else {
            Issue.record("expected purchases")
            return
        }
        #expect(one == two)
    }
}
