import AccessKernel
import Foundation
import Testing

/// What support staff can do: grant, revoke and restore access.
@Suite("Admin overrides")
struct AdminOverrideTests {
    static let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"]),
                                       Shop.route(.bundle, "b1", on: Shop.otherInstance, to: ["guitar", "theory"],
                                                  accessDays: 10)])
    static let buy = Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0))

    @Test("an admin grant of a course opens it, caused by the grant")
    func grantCourse() {
        let facts = [Fact.admin("grant", .grant(.course("theory"), until: nil), at: day(1))]

        #expect(derive(facts, mapping: Self.mapping, now: day(2))
                == ["theory": AccessState(status: .active(until: nil), causes: [Cause(fact: "grant", role: .grant)])])
    }

    @Test("an admin grant of an item opens what the mapping maps it to, with the route's access_days")
    func grantItem() {
        let grant = Fact.admin("grant", .grant(.item(instance: Shop.otherInstance, key: ItemKey(.bundle, "b1")),
                                               until: nil), at: day(1))

        let access = derive([grant], mapping: Self.mapping, now: day(2))

        #expect(access.mapValues(\.status) == ["guitar": .active(until: day(11)), "theory": .active(until: day(11))])
        #expect(access["guitar"]?.causes == [Cause(fact: "grant", role: .grant)])
    }

    @Test("a grant ends at the earlier of its own end and the route's access_days")
    func grantItemUntil() {
        let grant = Fact.admin("grant", .grant(.item(instance: Shop.otherInstance, key: ItemKey(.bundle, "b1")),
                                               until: day(4)), at: day(1))

        #expect(derive([grant], mapping: Self.mapping, now: day(2))["theory"]?.status == .active(until: day(4)))
    }

    @Test("an admin grant of an item is not ended by a refund of an order of that item")
    func grantSurvivesRefunds() {
        let facts = [Self.buy,
                     .admin("grant", .grant(.item(instance: Shop.instance, key: ItemKey(.product, "p1")), until: nil),
                            at: day(1)),
                     .refund("refund", order: "o1", amount: 10_000, at: day(2))]

        #expect(derive(facts, mapping: Self.mapping, now: day(3))["guitar"]
                == AccessState(status: .active(until: nil), causes: [Cause(fact: "grant", role: .grant)]))
    }

    @Test("a manual revoke beats every source granted before it, with the admin's message")
    func manualRevokeBeatsEarlierSources() {
        let facts = [Self.buy,
                     .admin("grant", .grant(.course("guitar"), until: nil), at: day(1)),
                     .admin("revoke", .revoke(course: "guitar", message: "Ask support"), at: day(2))]

        #expect(derive(facts, mapping: Self.mapping, now: day(3))["guitar"]
                == AccessState(status: .revoked(.manual(message: "Ask support")),
                               causes: [Cause(fact: "revoke", role: .revoke)]))
    }

    @Test("a manual revoke stands even when its source has since been refunded")
    func manualRevokeOutlivesRefund() {
        let facts = [Self.buy,
                     .admin("revoke", .revoke(course: "guitar", message: nil), at: day(2)),
                     .refund("refund", order: "o1", amount: 10_000, at: day(3))]

        #expect(derive(facts, mapping: Self.mapping, now: day(4))["guitar"]?.status == .revoked(.manual(message: nil)))
    }

    @Test("a manual revoke of a course the customer never had is shown as revoked")
    func revokeWithoutSource() {
        let facts = [Fact.admin("revoke", .revoke(course: "theory", message: nil), at: day(2))]

        #expect(derive(facts, mapping: Self.mapping, now: day(3))["theory"]?.status == .revoked(.manual(message: nil)))
    }

    @Test("a manual revoke takes away only the course it names")
    func revokeIsPerCourse() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar", "theory"])])
        let facts = [Self.buy, .admin("revoke", .revoke(course: "guitar", message: nil), at: day(2))]

        let access = derive(facts, mapping: mapping, now: day(3))

        #expect(access["guitar"]?.status == .revoked(.manual(message: nil)))
        #expect(access["theory"]?.status == .active(until: nil))
    }

    @Test("a restore undoes the revoke, and the restored state names the restore among its causes")
    func restoreUndoesRevoke() {
        let facts = [Self.buy,
                     .admin("revoke", .revoke(course: "guitar", message: nil), at: day(2)),
                     .admin("restore", .restore(course: "guitar"), at: day(3))]

        let restored = derive(facts, mapping: Self.mapping, now: day(4))["guitar"]

        #expect(restored?.status == .active(until: nil))
        #expect(restored?.causes.contains(Cause(fact: "restore", role: .restore)) == true)
        #expect(restored?.causes.contains(Cause(fact: "purchase", role: .purchase)) == true)
    }

    @Test("a restore gives back the time limit the access had")
    func restoreKeepsExpiry() {
        let grant = Fact.admin("grant", .grant(.item(instance: Shop.otherInstance, key: ItemKey(.bundle, "b1")),
                                               until: nil), at: day(0))
        let facts = [grant,
                     .admin("revoke", .revoke(course: "theory", message: nil), at: day(2)),
                     .admin("restore", .restore(course: "theory"), at: day(3))]

        #expect(derive(facts, mapping: Self.mapping, now: day(4))["theory"]?.status == .active(until: day(10)))
        #expect(derive(facts, mapping: Self.mapping, now: day(12))["theory"]?.status == .expired(at: day(10)))
    }

    @Test("a restore without a revoke changes nothing")
    func restoreWithoutRevoke() {
        let facts = [Self.buy, .admin("restore", .restore(course: "guitar"), at: day(3))]

        #expect(derive(facts, mapping: Self.mapping, now: day(4)) == derive([Self.buy], mapping: Self.mapping, now: day(4)))
    }

    @Test("a purchase after a manual revoke opens the course again")
    func purchaseAfterRevokeOpens() {
        let facts = [Self.buy,
                     .admin("revoke", .revoke(course: "guitar", message: nil), at: day(2)),
                     .purchase("again", order: "o2", items: [.of(.product, "p1")], at: day(5))]

        #expect(derive(facts, mapping: Self.mapping, now: day(6))["guitar"]
                == AccessState(status: .active(until: nil), causes: [Cause(fact: "again", role: .purchase)]))
    }

    @Test("a revoke and a purchase in the same second: the purchase is read first, the revoke wins")
    func revokeAndPurchaseInTheSameSecond() {
        let facts = [Fact.admin("revoke", .revoke(course: "guitar", message: nil), at: day(2)),
                     .purchase("same-second", order: "o2", items: [.of(.product, "p1")], at: day(2))]

        #expect(derive(facts, mapping: Self.mapping, now: day(3))["guitar"]?.status == .revoked(.manual(message: nil)))
    }

    @Test("a restore lifts the course's manual revoke, even after it was revoked twice")
    func restoreAfterTwoRevokes() {
        let facts = [Self.buy,
                     .admin("revoke-1", .revoke(course: "guitar", message: "first"), at: day(2)),
                     .admin("revoke-2", .revoke(course: "guitar", message: "second"), at: day(3)),
                     .admin("restore", .restore(course: "guitar"), at: day(4))]

        #expect(derive(facts, mapping: Self.mapping, now: day(5))["guitar"]?.status == .active(until: nil))
    }
}
