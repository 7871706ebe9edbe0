import AccessKernel
import Foundation
import Testing

/// What cancellations, pauses and failed payments of a subscription do to its access.
@Suite("Subscription policies")
struct SubscriptionPolicyTests {
    static let subscription = "sub_1"
    static let buy = Fact.purchase("purchase", order: "o1",
                                   items: [.of(.product, "monthly", subscription: subscription)], at: day(0))
    static let started = Fact.subscription("started", subscription, .started(periodEnd: day(30)), at: day(0))

    static func mapping(_ policies: PolicyOverrides = PolicyOverrides(),
                        defaults: Policies = Policies()) -> Mapping {
        Shop.mapping([Shop.route(.product, "monthly", to: ["guitar"], policies: policies)], policies: defaults)
    }

    static func cancel(_ key: FactKey = "cancel", by initiator: Cancellation.Initiator,
                       effective: Cancellation.Effective = .now, periodEnd: Date? = nil,
                       at date: Date = day(10)) -> Fact {
        .subscription(key, subscription, .cancelled(Cancellation(effective: effective, periodEnd: periodEnd,
                                                                 initiator: initiator)), at: date)
    }

    // MARK: cancellation

    @Test("with default policies a provider cancel keeps access to the period end, an admin cancel keeps it, a hub cancel revokes at once",
          arguments: [(Cancellation.Initiator.provider, "active"), (.admin, "active"), (.customer, "revoked")])
    func defaultCancelPolicies(initiator: Cancellation.Initiator, expected: String) {
        let facts = [Self.buy, Self.started, Self.cancel(by: initiator)]

        #expect(derive(facts, mapping: Self.mapping(), now: day(11))["guitar"]?.status.name == expected)
    }

    /// Cancel policies where `initiator`'s own is `own` and the other initiators' are `others`.
    static func cancelPolicies(_ initiator: Cancellation.Initiator, own: CancelPolicy,
                               others: CancelPolicy) -> PolicyOverrides {
        var overrides = PolicyOverrides.with {
            $0.onCancel = others
            $0.onAdminCancel = others
            $0.onHubCancel = others
        }
        switch initiator {
        case .provider: overrides.onCancel = own
        case .admin: overrides.onAdminCancel = own
        case .customer: overrides.onHubCancel = own
        }
        return overrides
    }

    @Test("a cancellation follows the policy of its initiator: provider on_cancel, admin on_admin_cancel, customer on_hub_cancel",
          arguments: [Cancellation.Initiator.provider, .admin, .customer])
    func cancelPolicyFollowsInitiator(initiator: Cancellation.Initiator) {
        let facts = [Self.buy, Self.started, Self.cancel(by: initiator)]
        let ownRevokes = Self.mapping(Self.cancelPolicies(initiator, own: .revokeNow, others: .keep))
        let ownKeeps = Self.mapping(Self.cancelPolicies(initiator, own: .keep, others: .revokeNow))

        #expect(derive(facts, mapping: ownRevokes, now: day(11))["guitar"]
                == AccessState(status: .revoked(.cancelled), causes: [Cause(fact: "cancel", role: .cancellation)]))
        #expect(derive(facts, mapping: ownKeeps, now: day(11))["guitar"]?.status == .active(until: nil))
    }

    @Test("period_end keeps access until the end of the paid period, then it is expired")
    func periodEndCancellation() {
        let facts = [Self.buy, Self.started,
                     Self.cancel(by: .provider, effective: .periodEnd, periodEnd: day(30))]
        let mapping = Self.mapping(.with { $0.onCancel = .periodEnd })

        #expect(derive(facts, mapping: mapping, now: day(20))["guitar"]
                == AccessState(status: .active(until: day(30)),
                               causes: [Cause(fact: "cancel", role: .cancellation),
                                        Cause(fact: "purchase", role: .purchase)]))
        #expect(derive(facts, mapping: mapping, now: day(31))["guitar"]
                == AccessState(status: .expired(at: day(30)), causes: [Cause(fact: "cancel", role: .cancellation)]))
    }

    @Test("period_end takes the period end from the last renewal when the cancellation names none")
    func periodEndFromRenewal() {
        let facts = [Self.buy, Self.started,
                     .subscription("renewed", Self.subscription, .renewed(periodEnd: day(60)), at: day(30)),
                     Self.cancel(by: .provider, at: day(40))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(50))["guitar"]?.status == .active(until: day(60)))
        #expect(derive(facts, mapping: Self.mapping(), now: day(61))["guitar"]?.status == .expired(at: day(60)))
    }

    @Test("the first cancellation decides: the provider's echo of an admin cancel keeps access under default policies")
    func firstCancellationDecides() {
        let facts = [Self.buy, Self.started,
                     Self.cancel("admin-cancel", by: .admin, at: day(10)),
                     Self.cancel("provider-echo", by: .provider, at: day(10).addingTimeInterval(5))]
        let revokingProvider = Self.mapping(.with { $0.onCancel = .revokeNow })

        #expect(derive(facts, mapping: Self.mapping(), now: day(400))["guitar"]?.status == .active(until: nil))
        #expect(derive(facts, mapping: revokingProvider, now: day(400))["guitar"]?.status == .active(until: nil))
        #expect(derive(facts.reversed(), mapping: revokingProvider, now: day(400))["guitar"]?.status == .active(until: nil),
                "arrival order does not matter, occurrence order does")
    }

    @Test("a cancellation withdrawn (resumed) before it takes effect keeps access")
    func resumedCancellation() {
        let facts = [Self.buy, Self.started, Self.cancel(by: .provider, effective: .periodEnd, periodEnd: day(30)),
                     .subscription("resumed", Self.subscription, .resumed, at: day(12))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(40))["guitar"]?.status == .active(until: nil))
    }

    @Test("a cancellation finds the subscription by order and product when the purchase named no subscription id")
    func cancellationByOrderAndProduct() {
        let buy = Fact.purchase("purchase", order: "o1", items: [.of(.product, "monthly")], at: day(0))
        let mine = Fact.subscription("cancel", "sub_x", .cancelled(Cancellation(effective: .now, initiator: .customer)),
                                     order: "o1", product: "monthly", at: day(5))
        let otherProduct = Fact.subscription("cancel", "sub_x", .cancelled(Cancellation(effective: .now, initiator: .customer)),
                                             order: "o1", product: "yearly", at: day(5))

        #expect(derive([buy, mine], mapping: Self.mapping(), now: day(6))["guitar"]?.status == .revoked(.cancelled))
        #expect(derive([buy, otherProduct], mapping: Self.mapping(), now: day(6))["guitar"]?.status == .active(until: nil))
    }

    @Test("instance default policies apply unless the route overrides them")
    func instanceDefaultsAndRouteOverrides() {
        let facts = [Self.buy, Self.started, Self.cancel(by: .admin)]
        let instanceRevokes = Policies(onAdminCancel: .revokeNow)

        #expect(derive(facts, mapping: Self.mapping(defaults: instanceRevokes), now: day(11))["guitar"]?.status
                == .revoked(.cancelled))
        #expect(derive(facts, mapping: Self.mapping(.with { $0.onAdminCancel = .keep }, defaults: instanceRevokes),
                       now: day(11))["guitar"]?.status == .active(until: nil))
    }

    // MARK: pause

    @Test("a pause under on_pause suspend revokes access as paused")
    func pauseSuspends() {
        let facts = [Self.buy, Self.started, .subscription("pause", Self.subscription, .paused, at: day(5))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(6))["guitar"]
                == AccessState(status: .revoked(.paused), causes: [Cause(fact: "pause", role: .pause)]))
    }

    @Test("resuming a paused subscription opens the access again")
    func resumeAfterPause() {
        let facts = [Self.buy, Self.started, .subscription("pause", Self.subscription, .paused, at: day(5)),
                     .subscription("resume", Self.subscription, .resumed, at: day(8))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(9))["guitar"]?.status == .active(until: nil))
    }

    @Test("a pause under on_pause keep keeps access")
    func pauseKeeps() {
        let facts = [Self.buy, Self.started, .subscription("pause", Self.subscription, .paused, at: day(5))]

        #expect(derive(facts, mapping: Self.mapping(.with { $0.onPause = .keep }), now: day(6))["guitar"]?.status
                == .active(until: nil))
    }

    // MARK: failed payments

    @Test("a failed payment keeps access by default")
    func paymentFailedKeepsByDefault() {
        let facts = [Self.buy, Self.started, .subscription("failed", Self.subscription, .paymentFailed, at: day(30))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(90))["guitar"]?.status == .active(until: nil))
    }

    @Test("under revoke_after_days N a failed payment keeps access N days, then revokes it")
    func paymentFailedRevokesAfterDays() {
        let facts = [Self.buy, Self.started, .subscription("failed", Self.subscription, .paymentFailed, at: day(30))]
        let mapping = Self.mapping(.with { $0.onPaymentFailed = .revokeAfterDays(3) })

        #expect(derive(facts, mapping: mapping, now: day(32))["guitar"]?.status == .active(until: day(33)))
        #expect(derive(facts, mapping: mapping, now: day(33))["guitar"]
                == AccessState(status: .revoked(.paymentFailed), causes: [Cause(fact: "failed", role: .paymentFailed)]))
    }

    @Test("a renewal after a failed payment clears it")
    func renewalClearsFailedPayment() {
        let facts = [Self.buy, Self.started, .subscription("failed", Self.subscription, .paymentFailed, at: day(30)),
                     .subscription("renewed", Self.subscription, .renewed(periodEnd: day(60)), at: day(31))]
        let mapping = Self.mapping(.with { $0.onPaymentFailed = .revokeAfterDays(3) })

        #expect(derive(facts, mapping: mapping, now: day(40))["guitar"]?.status == .active(until: nil))
    }

    @Test("a subscription change of another subscription does not touch this one")
    func otherSubscriptionIsIndependent() {
        let facts = [Self.buy, .subscription("pause", "sub_other", .paused, at: day(5))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(6))["guitar"]?.status == .active(until: nil))
    }

    // MARK: matching

    @Test("a change naming another subscription id still finds its item by order and product (ThriveCart item ids)")
    func matchesByOrderAndProduct() {
        let pause = Fact.subscription("pause", "17", .paused, order: "o1", product: "monthly", at: day(5))
        let otherProduct = Fact.subscription("pause-other", "18", .paused, order: "o1", product: "yearly", at: day(5))

        #expect(derive([Self.buy, pause], mapping: Self.mapping(), now: day(6))["guitar"]?.status == .revoked(.paused))
        #expect(derive([Self.buy, otherProduct], mapping: Self.mapping(), now: day(6))["guitar"]?.isActive == true)
    }

    @Test("a refund of a renewal payment reaches the subscription's item through the renewal's payment ids")
    func renewalRefund() {
        let renewal = Fact(key: "renewal", instance: Shop.instance, occurredAt: day(30), customer: Fact.customer,
                           event: .subscription(SubscriptionChange(subscriptionID: Self.subscription, paymentIDs: ["in_2"],
                                                                   change: .renewed(periodEnd: day(60)))))
        let refund = Fact.refund("refund", order: "in_2", amount: 1_000, isFull: true, at: day(31))
        var overrides = PolicyOverrides()
        overrides.onRefund = .revoke

        #expect(derive([Self.buy, renewal, refund], mapping: Self.mapping(overrides), now: day(32))["guitar"]?.status
                == .revoked(.refunded))
        #expect(derive([Self.buy, refund], mapping: Self.mapping(overrides), now: day(32))["guitar"]?.isActive == true)
    }
}

