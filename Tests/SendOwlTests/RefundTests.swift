import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlRefund {
    typealias S = SendOwlScenario

    static let fullRefund = S.courseOrder.refunding("£18.00", transactionID: "re_1", at: Date(unix: 1_710_252_000))

    @Test func refundedOrderIsAFullRefundOfTheWholeOrderWhenItReachesTheGross() throws {
        let fact = try SendOwlTesting.fact(Self.fullRefund)
        #expect(fact.event == .refund(Refund(orderID: "0000123456", amount: 1_800, currency: "GBP", isFull: true)))
        #expect(fact.occurredAt == Date(unix: 1_710_252_000), "the refund transaction's time")
        #expect(fact.key == "shop:0000123456:complete:refunded=true:tx=ch_3OqR2cKt5ENTcJ3A0x1Yc2Lm,re_1:refund")
    }

    @Test func refundBelowTheGrossIsPartial() throws {
        let order = S.bundleOrder.refunding("$25.00", transactionID: "re_2", at: Date(unix: 1_710_300_000))
        #expect(try SendOwlTesting.fact(order).event == .refund(Refund(orderID: "0000123458", amount: 2_500, currency: "USD",
                                                                        isFull: false)))
    }

    @Test func aLaterRefundCountsOnlyItsOwnAmountAndIsFullOnceAllRefundsReachTheGross() throws {
        let first = S.bundleOrder.refunding("$259.50", transactionID: "re_a", at: Date(unix: 1_710_300_000))
        let second = first.refunding("$1,000.00", transactionID: "re_b", at: Date(unix: 1_710_400_000))
        let firstFact = try SendOwlTesting.fact(first)
        let secondFact = try SendOwlTesting.fact(second)
        #expect(firstFact.event == .refund(Refund(orderID: "0000123458", amount: 25_950, currency: "USD", isFull: false)))
        #expect(secondFact.event == .refund(Refund(orderID: "0000123458", amount: 100_000, currency: "USD", isFull: true)))
        #expect(firstFact.key != secondFact.key)
        #expect(secondFact.occurredAt == Date(unix: 1_710_400_000))
    }

    @Test func refundedOrderWithoutRefundTransactionIsAFullRefundOfTheGross() throws {
        var order = S.courseOrder
        order.refunded = true
        #expect(try SendOwlTesting.fact(order).event == .refund(Refund(orderID: "0000123456", amount: 1_800, currency: "GBP",
                                                                        isFull: true)))
    }

    @Test func refundedSubscriptionIsARefundNotAPurchase() throws {
        let order = S.clubRenewed.refunding("15.00", transactionID: "re_c", at: Date(unix: 1_716_000_000))
        guard case .refund(let refund) = try SendOwlTesting.fact(order).event else { Issue.record("not a refund"); return }
        #expect(refund.amount == 1_500)
        #expect(refund.isFull == false, "one of two payments was refunded: partial, whatever settled_gross says")
    }

    @Test(arguments: [SendOwlJSON.string("true"), .string("1"), .integer(1)])
    func refundedWrittenAsTextOrNumberIsRead(value: SendOwlJSON) throws {
        let payload = SendOwlPayload.body(S.courseOrder).withOrderField("refunded", value)
        guard case .refund = try SendOwlTesting.facts(payload).first?.event else { Issue.record("not a refund"); return }
    }

    @Test func refundedThatIsNeitherTrueNorFalseIsMalformed() throws {
        let payload = SendOwlPayload.body(S.courseOrder).withOrderField("refunded", .string("perhaps"))
        let error = try #require(try SendOwlTesting.refusal(payload))
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix("refunded "))
    }
}

@Suite struct SendOwlRefundAndSubscription {
    typealias S = SendOwlScenario

    @Test func renewalAfterAPartialRefundIsARenewalNotTheRefundAgain() throws {
        let refunded = S.clubFirstPayment.refunding("5.00", transactionID: "re_d", at: Date(unix: 1_713_000_000))
        let renewed = refunded.paying("15.00", transactionID: "ch_e", at: Date(unix: 1_715_343_265), nextPaymentDate: Date(unix: 1_717_935_265))
        let facts = try SendOwlTesting.facts(renewed)
        #expect(facts.map(\.event.kindName) == ["purchase", "subscription.renewed"])
    }

    @Test func refundThatCancelledTheSubscriptionIsBothFacts() throws {
        let order = S.clubRenewed.inState("subscription_cancelled", accessAllowed: false)
            .refunding("15.00", transactionID: "re_f", at: Date(unix: 1_716_000_000))
        let facts = try SendOwlTesting.facts(order)
        #expect(facts.map(\.event.kindName) == ["refund", "subscription.cancelled"])
        #expect(Set(facts.map(\.key)).count == 2)
    }
}
