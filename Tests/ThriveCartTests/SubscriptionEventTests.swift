import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

@Suite struct SubscriptionEvents {
    typealias S = ThriveCartScenario

    @Test(arguments: BodyEncoding.allCases)
    func paymentRenewsUntilTheNextPaymentDate(encoding: BodyEncoding) throws {
        let payload = ThriveCartPayload.subscriptionPayment(S.membershipOrder, item: S.membership, paymentIndex: 2,
                                                            at: Date(unix: 1_712_505_600), nextPaymentAt: Date(unix: 1_715_097_600))
        let fact = try ThriveCartTesting.fact(payload, encoding)
        guard case .subscription(let change) = fact.event else { Issue.record("not a subscription change"); return }
        #expect(change.change == .renewed(periodEnd: Date(unix: 1_715_097_600)))
        #expect(change.orderID == "3230187")
        #expect(change.productID == "17")
        #expect(fact.occurredAt == Date(unix: 1_712_505_600))
        #expect(fact.key.rawValue.hasSuffix(":invoice=000000142-2"))
    }

    @Test func eachPaymentOfOneOrderIsItsOwnFact() throws {
        let keys = try (2...13).map { index in
            try ThriveCartTesting.fact(ThriveCartPayload.subscriptionPayment(
                S.membershipOrder, item: S.membership, paymentIndex: index, at: Date(unix: 1_712_505_600 + index),
                nextPaymentAt: Date(unix: 1_715_097_600))).key
        }
        #expect(Set(keys).count == 12)
    }

    @Test func paymentWithoutSubscriptionIDUsesTheSubscriptionIDsEntryThenTheItemID() throws {
        var payload = ThriveCartPayload.subscriptionPayment(S.membershipOrder, item: S.membership, paymentIndex: 2,
                                                            at: Date(unix: 1), nextPaymentAt: Date(unix: 2))
        guard case .subscription(let bare) = try ThriveCartTesting.fact(payload).event else { Issue.record("no change"); return }
        #expect(bare.subscriptionID == "17", "ThriveCart's item id is all such a payload names")
        payload["subscription_ids"] = .fields(["product-17": "3498819"])
        guard case .subscription(let listed) = try ThriveCartTesting.fact(payload).event else { Issue.record("no change"); return }
        #expect(listed.subscriptionID == "3498819")
    }

    @Test func failedRebillIsAPaymentFailureAndItsRepeatsAreOneFact() throws {
        let payload = ThriveCartPayload.rebillFailed(S.membershipOrder, item: S.membership, paymentIndex: 3, at: Date(unix: 1_715_097_600))
        let first = try ThriveCartTesting.fact(payload)
        var retried = payload
        retried["date_unix"] = "1715184000"
        let repeated = try ThriveCartTesting.fact(retried)
        #expect(first.event == .subscription(SubscriptionChange(subscriptionID: "3498819", orderID: "3230187", productID: "17",
                                                               change: .paymentFailed)))
        #expect(first.key == repeated.key)
        #expect(first.key == "tc-main:order.rebill_failed:3230187:sub=3498819:invoice=000000142-3")
    }

    @Test(arguments: BodyEncoding.allCases)
    func cancellationEndsAtTheBillingPeriodEndAndComesFromTheProvider(encoding: BodyEncoding) throws {
        let payload = ThriveCartPayload.subscriptionCancelled(S.membershipOrder, item: S.membership, at: Date(unix: 1_717_200_000),
                                                              billingPeriodEnd: Date(unix: 1_717_632_000))
        let fact = try ThriveCartTesting.fact(payload, encoding)
        #expect(fact.event == .subscription(SubscriptionChange(
            subscriptionID: "3498819", orderID: "3230187", productID: "17",
            change: .cancelled(Cancellation(effective: .periodEnd, periodEnd: Date(unix: 1_717_632_000), initiator: .provider)))))
    }

    @Test func cancellationWithoutSubscriptionIDFallsBackToTheSubscriptionItemID() throws {
        var payload = ThriveCartPayload.subscriptionCancelled(S.membershipOrder, item: S.membership, at: Date(unix: 1),
                                                              billingPeriodEnd: Date(unix: 2))
        payload["subscription_id"] = nil
        guard case .subscription(let change) = try ThriveCartTesting.fact(payload).event else { Issue.record("no change"); return }
        #expect(change.subscriptionID == "17")
    }

    @Test func pauseAndResumeAreSubscriptionChangesWithDistinctKeys() throws {
        let paused = try ThriveCartTesting.fact(ThriveCartPayload.subscriptionPaused(S.membershipOrder, item: S.membership, at: Date(unix: 1)))
        let resumed = try ThriveCartTesting.fact(ThriveCartPayload.subscriptionResumed(S.membershipOrder, item: S.membership, at: Date(unix: 2)))
        guard case .subscription(let pause) = paused.event, case .subscription(let resume) = resumed.event else {
            Issue.record("not subscription changes"); return
        }
        #expect(pause.change == .paused)
        #expect(resume.change == .resumed)
        #expect(paused.key != resumed.key)
    }

    @Test func subscriptionEventNamingNoSubscriptionIsMalformed() throws {
        var payload = ThriveCartPayload.subscriptionPaused(S.membershipOrder, item: S.membership, at: Date(unix: 1))
        payload["subscription_id"] = nil
        payload["subscription"] = nil
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix("subscription_id"))
    }
}
