import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlSubscription {
    typealias S = SendOwlScenario

    static let clubItem = OrderItem(key: ItemKey(.product, "7489"), amount: 1_500, currency: "USD", subscriptionID: "0048206320")

    @Test func setupIsThePurchaseAndTheStartOfASubscriptionNamedAfterTheOrder() throws {
        let facts = try SendOwlTesting.facts(S.clubOrder)
        #expect(facts.map(\.event) == [
            .purchase(Purchase(orderID: "0048206320", otherOrderIDs: ["48206320"], items: [Self.clubItem])),
            .subscription(SubscriptionChange(subscriptionID: "0048206320", orderID: "0048206320", change: .started(periodEnd: nil))),
        ])
        #expect(facts.map(\.key) == ["shop:0048206320:purchase",
                                     "shop:0048206320:subscription_setup:refunded=false:tx=:subscription.started"])
        #expect(facts.allSatisfy { $0.occurredAt == Date(unix: 1_712_750_739) }, "no payment yet: checkout time")
    }

    @Test func firstPaymentStartsTheSubscriptionUntilTheNextPaymentDate() throws {
        let facts = try SendOwlTesting.facts(S.clubFirstPayment)
        #expect(facts.last?.event == .subscription(SubscriptionChange(
            subscriptionID: "0048206320", orderID: "0048206320", change: .started(periodEnd: Date(unix: 1_715_343_261)))))
        #expect(facts.last?.occurredAt == Date(unix: 1_712_751_261))
    }

    @Test func laterPaymentRenewsItAndRepeatsTheSamePurchase() throws {
        let setup = try SendOwlTesting.facts(S.clubOrder)
        let renewal = try SendOwlTesting.facts(S.clubRenewed)
        #expect(renewal.last?.event == .subscription(SubscriptionChange(
            subscriptionID: "0048206320", orderID: "0048206320", change: .renewed(periodEnd: Date(unix: 1_717_935_265)))))
        #expect(renewal.last?.occurredAt == Date(unix: 1_715_343_265), "the renewal payment's time")
        #expect(renewal.first == setup.first, "the purchase fact is the same, under the same key")
        #expect(renewal.last?.key != setup.last?.key)
    }

    @Test func cancellingKeepsAccessUntilTheEndOfThePaidPeriod() throws {
        let order = S.clubRenewed.inState("subscription_cancelling", nextPaymentDate: Date(unix: 1_717_935_265))
        let fact = try SendOwlTesting.fact(order)
        #expect(fact.event == .subscription(SubscriptionChange(
            subscriptionID: "0048206320", orderID: "0048206320",
            change: .cancelled(Cancellation(effective: .periodEnd, periodEnd: Date(unix: 1_717_935_265), initiator: .provider)))))
    }

    @Test func cancelledEndsItNow() throws {
        let fact = try SendOwlTesting.fact(S.clubRenewed.inState("subscription_cancelled", accessAllowed: false))
        #expect(fact.event == .subscription(SubscriptionChange(
            subscriptionID: "0048206320", orderID: "0048206320",
            change: .cancelled(Cancellation(effective: .now, periodEnd: nil, initiator: .provider)))))
        #expect(fact.key.rawValue.hasPrefix("shop:0048206320:subscription_cancelled:refunded=false:tx="))
    }

    @Test func completeSubscriptionChangesNothing() throws {
        let verdict = try SendOwlTesting.verdict(S.clubRenewed.inState("subscription_complete"))
        #expect(verdict == .ignored(reason: "SendOwl subscription 0048206320 is complete: every payment was made and access continues"))
    }
}
