import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct ChargeRefunded {
    typealias S = NativeCheckoutScenario

    static func refund(amountRefunded: Int64, previously: Int64?, amount: Int64 = 17_800) throws -> Verdict {
        var event = StripeEventBuilder.chargeRefunded(
            eventID: "evt_refund_\(amountRefunded)_\(previously ?? -1)", chargeID: S.courseCharge,
            paymentIntent: "pi_3PqRsT2eZvKYlo2C0aB1cD2e", amount: amount, amountRefunded: amountRefunded,
            previouslyRefunded: previously ?? 0, currency: "usd", buyer: S.sofia, refundIDs: ["re_1"], created: Date(unix: 1_718_000_000))
        if previously == nil { event[path: ["data", "previous_attributes"]] = nil }
        return try NativeCheckoutTesting.verdict(event)
    }

    static func refundEvent(_ verdict: Verdict) -> Refund? {
        guard case .facts(let facts) = verdict, case .refund(let refund)? = facts.first?.event else { return nil }
        return refund
    }

    @Test func partialRefundIsTheAmountRefundedAndNotFull() throws {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("charge.refunded.partial"))
        #expect(fact.event == .refund(Refund(orderID: "pi_3PqRsT2eZvKYlo2C0aB1cD2e", amount: 2_900, currency: "USD", isFull: false)))
        #expect(fact.customer == CustomerRef(providerCustomerID: "cus_QeAc9JhXb3xN2m"), "no billing email: ids find the buyer")
        #expect(fact.occurredAt == Date(unix: 1_717_900_000))
    }

    @Test func refundAfterAPartialOneIsOnlyTheNewAmountAndFullOnceAllIsBack() throws {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("charge.refunded.full"))
        #expect(fact.event == .refund(Refund(orderID: "pi_3PqRsT2eZvKYlo2C0aB1cD2e", amount: 14_900, currency: "USD", isFull: true)),
                "amount_refunded 17800 minus the 2900 refunded before")
    }

    @Test func refundIsMatchedToTheOrderThroughTheSessionsPaymentIntent() throws {
        let purchase = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("checkout.session.completed"))
        let refund = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("charge.refunded.full"))
        guard case .purchase(let order) = purchase.event, case .refund(let money) = refund.event else {
            Issue.record("expected a purchase and a refund")
            return
        }
        #expect(order.allOrderIDs.contains(money.orderID))
    }

    @Test func refundOfASubscriptionsFirstPaymentNamesItsInvoiceWhichTheSessionLists() throws {
        var event = try NativeCheckoutTesting.delivery("charge.refunded.partial")
        event[path: ["data", "object", "invoice"]] = "in_1PvQaB2eZvKYlo2CInv1"
        event[path: ["data", "object", "payment_intent"]] = "pi_3PvQaB2eZvKYlo2C4eF5gH6i"
        guard case .refund(let refund) = try NativeCheckoutTesting.fact(event).event else { Issue.record("not a refund"); return }
        #expect(refund.orderID == "in_1PvQaB2eZvKYlo2CInv1")
        #expect(S.subscriptionOrder.invoice == refund.orderID, "the subscription session's otherOrderIDs carry it")
    }

    @Test func withoutPreviousAttributesTheWholeAmountRefundedIsThisRefund() throws {
        #expect(Self.refundEvent(try Self.refund(amountRefunded: 5_000, previously: nil))?.amount == 5_000)
        #expect(Self.refundEvent(try Self.refund(amountRefunded: 5_000, previously: nil))?.isFull == false)
    }

    @Test func fullRefundInOneGoIsFull() throws {
        let refund = try #require(Self.refundEvent(try Self.refund(amountRefunded: 17_800, previously: 0)))
        #expect(refund.amount == 17_800)
        #expect(refund.isFull == true)
    }

    @Test func refundedBeyondTheAmountIsFull() throws {
        #expect(Self.refundEvent(try Self.refund(amountRefunded: 18_000, previously: 17_000))?.isFull == true)
    }

    @Test(arguments: [(Int64(2_900), Int64(2_900)), (Int64(2_900), Int64(5_000))])
    func refundOfNothingNewIsIgnored(amountRefunded: Int64, previously: Int64) throws {
        guard case .ignored(let reason) = try Self.refund(amountRefunded: amountRefunded, previously: previously) else {
            Issue.record("a refund of nothing new gave facts")
            return
        }
        #expect(reason.contains("refunds nothing new"))
    }

    @Test(arguments: ["payment_intent", "amount", "amount_refunded", "currency"])
    func refundMissingAFieldIsMalformedNamingIt(field: String) throws {
        var event = try NativeCheckoutTesting.delivery("charge.refunded.partial")
        event[path: ["data", "object", field]] = nil
        let error = try #require(try NativeCheckoutTesting.refusal(event))
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix("data.object.\(field) is missing"), "message: \(error.message)")
    }

    @Test func amountRefundedAsTextIsMalformed() throws {
        var event = try NativeCheckoutTesting.delivery("charge.refunded.partial")
        event[path: ["data", "object", "amount_refunded"]] = "2900"
        #expect(try NativeCheckoutTesting.refusal(event) == AdapterError(.malformed, "data.object.amount_refunded is a string, not an integer"))
    }
}
