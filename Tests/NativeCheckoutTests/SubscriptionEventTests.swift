import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct SubscriptionEvents {
    typealias S = NativeCheckoutScenario
    static let subscription = "sub_1PvQaB2eZvKYlo2CxYz9"
    static let customer = CustomerRef(providerCustomerID: "cus_Qf7TnR2kLw8ZpD")
    /// The renewal invoice, its payment intent and charge: a refund or dispute of this
    /// payment names one of them.
    static let renewalPayment = ["in_1PvQaB2eZvKYlo2CInv2", "pi_3PwRnw2eZvKYlo2C5fG6hI7j", "ch_3PwRnw2eZvKYlo2C5fG6hI7j"]

    static func change(_ name: String) throws -> (SubscriptionChange, Fact) {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery(name))
        guard case .subscription(let change) = fact.event else {
            throw NativeCheckoutTesting.Unexpected(description: "\(name) is not a subscription change")
        }
        return (change, fact)
    }

    @Test func paidRenewalInvoiceRenewsUntilTheEndOfTheBilledPeriod() throws {
        let (change, fact) = try Self.change("invoice.paid")
        #expect(change == SubscriptionChange(subscriptionID: Self.subscription, paymentIDs: Self.renewalPayment,
                                             change: .renewed(periodEnd: S.renewedPeriod.end)),
                "the line's period end, not the invoice's period_end (the period before)")
        #expect(fact.customer == Self.customer, "follow-up events carry the Stripe customer, not an email")
    }

    @Test func firstInvoiceOfASubscriptionStartsIt() throws {
        let (change, _) = try Self.change("invoice.paid.subscription_create")
        #expect(change.change == .started(periodEnd: S.firstPeriod.end))
    }

    @Test func invoiceWithoutLinesFallsBackToPeriodEnd() throws {
        var event = try NativeCheckoutTesting.delivery("invoice.paid")
        event[path: ["data", "object", "lines", "data"]] = .array([])
        let fact = try NativeCheckoutTesting.fact(event)
        #expect(fact.event == .subscription(SubscriptionChange(subscriptionID: Self.subscription, paymentIDs: Self.renewalPayment,
                                                               change: .renewed(periodEnd: S.renewedPeriod.start))))
    }

    @Test func newerAPIVersionsNameTheSubscriptionUnderParent() throws {
        var event = try NativeCheckoutTesting.delivery("invoice.paid")
        event[path: ["data", "object", "subscription"]] = nil
        event[path: ["data", "object", "parent"]] = .fields([
            "quote_details": nil,
            "subscription_details": .fields(["metadata": .object([]), "subscription": .string(Self.subscription)]),
            "type": "subscription_details",
        ])
        #expect(try NativeCheckoutTesting.fact(event) == NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("invoice.paid")))
    }

    @Test func invoiceOutsideASubscriptionIsIgnored() throws {
        var event = try NativeCheckoutTesting.delivery("invoice.paid")
        event[path: ["data", "object", "subscription"]] = nil
        #expect(try NativeCheckoutTesting.ignoredReason(event) == "invoice in_1PvQaB2eZvKYlo2CInv2 is not for a subscription")
    }

    @Test func failedInvoiceIsAFailedPayment() throws {
        let (change, fact) = try Self.change("invoice.payment_failed")
        #expect(change == SubscriptionChange(subscriptionID: Self.subscription,
                                             paymentIDs: ["in_1PvQaB2eZvKYlo2CInv3", "pi_3PxFail2eZvKYlo2C6gH7iJ8k"],
                                             change: .paymentFailed))
        #expect(fact.customer == Self.customer)
    }

    @Test func cancelAtPeriodEndIsACancellationAtTheEndOfThePaidPeriod() throws {
        let (change, fact) = try Self.change("customer.subscription.updated.cancel")
        #expect(change.change == .cancelled(Cancellation(effective: .periodEnd, periodEnd: S.failedPeriod.end, initiator: .provider)))
        #expect(fact.customer == Self.customer)
    }

    @Test func cancelAtPeriodEndWithdrawnIsAResumption() throws {
        #expect(try Self.change("customer.subscription.updated.resume").0.change == .resumed)
    }

    @Test func cancelAtADateIsACancellationThen() throws {
        var event = try NativeCheckoutTesting.delivery("customer.subscription.updated.other")
        event[path: ["data", "object", "cancel_at"]] = .integer(1_716_000_000)
        #expect(try NativeCheckoutTesting.fact(event).event == .subscription(SubscriptionChange(
            subscriptionID: Self.subscription,
            change: .cancelled(Cancellation(effective: .periodEnd, periodEnd: Date(unix: 1_716_000_000), initiator: .provider)))))
    }

    @Test func periodEndFromTheItemsInNewerAPIVersions() throws {
        var event = try NativeCheckoutTesting.delivery("customer.subscription.updated.cancel")
        event[path: ["data", "object", "current_period_end"]] = nil
        var items = try #require(event[path: ["data", "object", "items", "data"]])
        guard case .array(var list) = items else { Issue.record("items.data is not a list"); return }
        list[0]["current_period_end"] = .integer(1_721_862_400)
        items = .array(list)
        event[path: ["data", "object", "items", "data"]] = items
        #expect(try NativeCheckoutTesting.fact(event).event == .subscription(SubscriptionChange(
            subscriptionID: Self.subscription,
            change: .cancelled(Cancellation(effective: .periodEnd, periodEnd: S.failedPeriod.end, initiator: .provider)))))
    }

    @Test func pauseCollectionIsAPauseAndItsEndAResumption() throws {
        var paused = try NativeCheckoutTesting.delivery("customer.subscription.updated.other")
        paused[path: ["data", "object", "pause_collection"]] = .fields(["behavior": "void", "resumes_at": nil])
        paused[path: ["data", "previous_attributes"]] = .fields(["pause_collection": nil])
        #expect(try NativeCheckoutTesting.fact(paused).event == .subscription(SubscriptionChange(subscriptionID: Self.subscription, change: .paused)))
        var resumed = try NativeCheckoutTesting.delivery("customer.subscription.updated.other")
        resumed[path: ["data", "previous_attributes"]] = .fields(["pause_collection": .fields(["behavior": "void", "resumes_at": nil])])
        #expect(try NativeCheckoutTesting.fact(resumed).event == .subscription(SubscriptionChange(subscriptionID: Self.subscription, change: .resumed)))
    }

    @Test func statusPausedInAnUpdateIsAPause() throws {
        var event = try NativeCheckoutTesting.delivery("customer.subscription.updated.other")
        event[path: ["data", "object", "status"]] = "paused"
        #expect(try NativeCheckoutTesting.fact(event).event == .subscription(SubscriptionChange(subscriptionID: Self.subscription, change: .paused)))
    }

    @Test func anyOtherUpdateIsIgnored() throws {
        let reason = try NativeCheckoutTesting.ignoredReason(try NativeCheckoutTesting.delivery("customer.subscription.updated.other"))
        #expect(reason == "customer.subscription.updated of sub_1PvQaB2eZvKYlo2CxYz9 changes nothing that affects access")
    }

    @Test func deletionCancelsNow() throws {
        let (change, fact) = try Self.change("customer.subscription.deleted")
        #expect(change.change == .cancelled(Cancellation(effective: .now, initiator: .provider)))
        #expect(fact.occurredAt == Date(unix: 1_719_900_000))
    }

    @Test func pausedAndResumedEvents() throws {
        #expect(try Self.change("customer.subscription.paused").0.change == .paused)
        #expect(try Self.change("customer.subscription.resumed").0.change == .resumed)
    }

    @Test func subscriptionEventsWithoutCustomerStillDecode() throws {
        var event = try NativeCheckoutTesting.delivery("customer.subscription.deleted")
        event[path: ["data", "object", "customer"]] = nil
        #expect(try NativeCheckoutTesting.fact(event).customer == CustomerRef())
    }
}
