import AccessKernel
import Foundation
import Testing

/// What a refund does to the access a purchase gave.
@Suite("Purchases and refunds")
struct PurchaseAndRefundTests {
    static let order = "o1"
    static let buy = Fact.purchase("purchase", order: order, items: [.of(.product, "p1", amount: 10_000)], at: day(0))

    static func mapping(_ policies: PolicyOverrides = PolicyOverrides()) -> Mapping {
        Shop.mapping([Shop.route(.product, "p1", to: ["guitar"], policies: policies)])
    }

    @Test("a purchase gives lifetime access, caused by the purchase")
    func purchaseGivesLifetimeAccess() {
        let access = derive([Self.buy], mapping: Self.mapping(), now: day(400))

        #expect(access["guitar"] == AccessState(status: .active(until: nil),
                                                causes: [Cause(fact: "purchase", role: .purchase)]))
    }

    @Test("a full refund under on_refund revoke revokes the access, caused by the refund")
    func fullRefundRevokes() {
        let facts = [Self.buy, .refund("refund", order: Self.order, amount: 10_000, at: day(3))]

        let access = derive(facts, mapping: Self.mapping(.with { $0.onRefund = .revoke }), now: day(4))

        #expect(access["guitar"] == AccessState(status: .revoked(.refunded),
                                                causes: [Cause(fact: "refund", role: .refund)]))
    }

    @Test("a full refund under on_refund keep keeps the access")
    func fullRefundKeeps() {
        let facts = [Self.buy, .refund("refund", order: Self.order, amount: 10_000, at: day(3))]

        let access = derive(facts, mapping: Self.mapping(.with { $0.onRefund = .keep }), now: day(4))

        #expect(access["guitar"]?.status == .active(until: nil))
    }

    @Test("a refund the provider calls full is full whatever its amount")
    func providerSaysFull() {
        let facts = [Self.buy, .refund("refund", order: Self.order, amount: 1, isFull: true, at: day(3))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(4))["guitar"]?.status == .revoked(.refunded))
    }

    @Test("a partial refund keeps access by default")
    func partialRefundKeepsByDefault() {
        let facts = [Self.buy, .refund("refund", order: Self.order, amount: 3_000, at: day(3))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(4))["guitar"]?.status == .active(until: nil))
    }

    @Test("a partial refund revokes under on_partial_refund revoke")
    func partialRefundRevokesWhenConfigured() {
        let facts = [Self.buy, .refund("refund", order: Self.order, amount: 3_000, at: day(3))]

        let access = derive(facts, mapping: Self.mapping(.with { $0.onPartialRefund = .revoke }), now: day(4))

        #expect(access["guitar"] == AccessState(status: .revoked(.refunded),
                                                causes: [Cause(fact: "refund", role: .refund)]))
    }

    @Test("partial refunds of an order that add up to what was charged count as a full refund")
    func cumulativeOrderRefundsAreFull() {
        let first = [Self.buy, .refund("refund-1", order: Self.order, amount: 4_000, at: day(3))]
        let both = first + [.refund("refund-2", order: Self.order, amount: 6_000, at: day(5))]

        #expect(derive(first, mapping: Self.mapping(), now: day(6))["guitar"]?.status == .active(until: nil))
        #expect(derive(both, mapping: Self.mapping(), now: day(6))["guitar"]
                == AccessState(status: .revoked(.refunded), causes: [Cause(fact: "refund-2", role: .refund)]))
    }

    @Test("partial refunds of an item that add up to its amount count as a full refund of it")
    func cumulativeItemRefundsAreFull() {
        let item = ItemKey(.product, "p1")
        let facts = [Self.buy,
                     .refund("refund-1", order: Self.order, item: item, amount: 5_000, at: day(3)),
                     .refund("refund-2", order: Self.order, item: item, amount: 5_000, at: day(4))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(6))["guitar"]
                == AccessState(status: .revoked(.refunded), causes: [Cause(fact: "refund-2", role: .refund)]))
    }

    @Test("refunding the bump of an order revokes only the bump's courses")
    func itemRefundRevokesOnlyThatItem() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"]),
                                    Shop.route(.bump, "b1", to: ["bonus"])])
        let facts = [Fact.purchase("purchase", order: "o1",
                                   items: [.of(.product, "p1", amount: 10_000), .of(.bump, "b1", amount: 2_000)],
                                   at: day(0)),
                     .refund("refund", order: "o1", item: ItemKey(.bump, "b1"), amount: 2_000, at: day(2))]

        let access = derive(facts, mapping: mapping, now: day(3))

        #expect(access["guitar"]?.status == .active(until: nil))
        #expect(access["bonus"]?.status == .revoked(.refunded))
    }

    @Test("a refund of the whole order is full only once it covers every item")
    func orderRefundMustCoverEveryItem() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"]),
                                    Shop.route(.bump, "b1", to: ["bonus"])])
        let buy = Fact.purchase("purchase", order: "o1",
                                items: [.of(.product, "p1", amount: 10_000), .of(.bump, "b1", amount: 2_000)],
                                at: day(0))
        let partial = [buy, .refund("refund", order: "o1", amount: 10_000, at: day(2))]
        let full = [buy, .refund("refund", order: "o1", amount: 12_000, at: day(2))]

        #expect(derive(partial, mapping: mapping, now: day(3)).mapValues(\.status.name)
                == ["guitar": "active", "bonus": "active"])
        #expect(derive(full, mapping: mapping, now: day(3)).mapValues(\.status.name)
                == ["guitar": "revoked", "bonus": "revoked"])
    }

    @Test("a refund may name the order by another of its ids (payment intent)")
    func refundByAnotherOrderID() {
        let buy = Fact.purchase("purchase", order: "cs_1", otherIDs: ["pi_1"], items: [.of(.product, "p1")], at: day(0))
        let facts = [buy, .refund("refund", order: "pi_1", amount: 10_000, at: day(2))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(3))["guitar"]?.status == .revoked(.refunded))
    }

    @Test("a refund on another provider instance does not touch this instance's order")
    func refundIsScopedToItsInstance() {
        let facts = [Self.buy, .refund("refund", order: Self.order, amount: 10_000, on: Shop.otherInstance, at: day(2))]

        #expect(derive(facts, mapping: Self.mapping(), now: day(3))["guitar"]?.status == .active(until: nil))
    }

    @Test("a refund that arrives before its order ends in the same state as the in-order stream")
    func refundBeforeOrder() {
        let refund = Fact.refund("refund", order: Self.order, amount: 10_000, at: day(2))

        let early = derive([refund, Self.buy], mapping: Self.mapping(), now: day(3))
        let inOrder = derive([Self.buy, refund], mapping: Self.mapping(), now: day(3))

        #expect(early == inOrder)
        #expect(early["guitar"]?.status == .revoked(.refunded))
    }

    @Test("a duplicate delivery changes nothing")
    func duplicateDeliveryChangesNothing() {
        let refund = Fact.refund("refund", order: Self.order, amount: 6_000, at: day(2))
        let once = [Self.buy, refund]

        #expect(derive(once + [refund], mapping: Self.mapping(), now: day(3))
                == derive(once, mapping: Self.mapping(), now: day(3)),
                "the same partial refund delivered twice must not add up to a full one")
    }

    @Test("refunding one order keeps a course another purchase also grants")
    func otherSourceKeepsTheCourse() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"]),
                                    Shop.route(.bundle, "bundle", on: Shop.otherInstance, to: ["guitar", "theory"])])
        let facts = [Self.buy,
                     .purchase("bundle", order: "so-1", items: [.of(.bundle, "bundle")], on: Shop.otherInstance, at: day(1)),
                     .refund("refund", order: Self.order, amount: 10_000, at: day(2))]

        let access = derive(facts, mapping: mapping, now: day(3))

        #expect(access["guitar"] == AccessState(status: .active(until: nil),
                                                causes: [Cause(fact: "bundle", role: .purchase)]))
    }

    @Test("a purchase and its full refund in the same second: the purchase is read first, the refund applies")
    func purchaseAndRefundInTheSameSecond() {
        let facts = [Fact.refund("a-refund", order: Self.order, amount: 10_000, at: day(0)), Self.buy]

        #expect(derive(facts, mapping: Self.mapping(), now: day(1))["guitar"]?.status == .revoked(.refunded))
    }
}
