import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

@Suite struct IdempotencyKeys {
    typealias S = ThriveCartScenario

    @Test func sameDeliveryArrivingTwiceHasTheSameKey() throws {
        let adapter = try ThriveCartTesting.adapter()
        let payload = ThriveCartPayload.refund(S.bundleOrder, item: S.course, amount: 5_000, at: Date(unix: 1_710_252_000))
        let first = try adapter.verify(ThriveCartRequest.make(payload, receivedAt: Date(unix: 1_720_000_000)))
        let retry = try adapter.verify(ThriveCartRequest.make(payload, receivedAt: Date(unix: 1_720_086_400)))
        #expect(first == retry)
    }

    @Test func formAndJSONOfOneDeliveryHaveTheSameKey() throws {
        for (_, payload) in S.deliveries {
            #expect(try ThriveCartTesting.verdict(payload, .form) == ThriveCartTesting.verdict(payload, .json))
        }
    }

    @Test func everyRecordedEventHasItsOwnKey() throws {
        let keys = try S.deliveries.flatMap { _, payload -> [FactKey] in
            guard case .facts(let facts) = try ThriveCartTesting.verdict(payload) else { return [] }
            return facts.map(\.key)
        }
        #expect(keys.count == 9)
        #expect(Set(keys).count == keys.count)
        #expect(keys.allSatisfy { $0.rawValue.hasPrefix("tc-main:order.") })
    }

    @Test func keysAreInstanceEventOrderThenLabelledParts() throws {
        let payment = try ThriveCartTesting.fact(ThriveCartPayload.subscriptionPayment(
            S.membershipOrder, item: S.membership, paymentIndex: 4, at: Date(unix: 1), nextPaymentAt: Date(unix: 2)))
        #expect(payment.key == "tc-main:order.subscription_payment:3230187:sub=17:invoice=000000142-4")
    }

    @Test func colonsInsideValuesAreEscapedSoKeysReadBackUnambiguously() throws {
        var order = S.bundleOrder
        order.orderID = "A:1%"
        let fact = try ThriveCartTesting.fact(ThriveCartPayload.orderSuccess(order))
        #expect(fact.key == "tc-main:order.success:A%3A1%25")
    }

    @Test func paymentWithoutInvoiceIsKeyedByItsIndex() throws {
        var payload = ThriveCartPayload.subscriptionPayment(S.membershipOrder, item: S.membership, paymentIndex: 5,
                                                            at: Date(unix: 1), nextPaymentAt: Date(unix: 2))
        payload["invoice_id"] = nil
        #expect(try ThriveCartTesting.fact(payload).key.rawValue.hasSuffix(":payment=5"))
    }
}
