import AccessKernel
import Foundation
import Testing

/// Time-limited access: a route's access_days, a grant's end, an admin's expiry override.
@Suite("Expiry")
struct ExpiryTests {
    static let mapping = Shop.mapping([
        Shop.route(.product, "p1", to: ["guitar"]),
        Shop.route(.product, "p30", to: ["guitar"], accessDays: 30),
    ])
    static let lifetime = Fact.purchase("lifetime", order: "o1", items: [.of(.product, "p1")], at: day(0))
    static let thirtyDays = Fact.purchase("thirty", order: "o2", items: [.of(.product, "p30")], at: day(0))

    @Test("access_days gives access until that many days after the purchase")
    func accessDaysActiveUntil() {
        let access = derive([Self.thirtyDays], mapping: Self.mapping, now: day(29))

        #expect(access["guitar"] == AccessState(status: .active(until: day(30)),
                                                causes: [Cause(fact: "thirty", role: .purchase)]))
    }

    @Test("access_days access is expired at its end and after")
    func accessDaysExpire() {
        for now in [day(30), day(31), day(400)] {
            #expect(derive([Self.thirtyDays], mapping: Self.mapping, now: now)["guitar"]
                    == AccessState(status: .expired(at: day(30)), causes: [Cause(fact: "thirty", role: .purchase)]))
        }
    }

    @Test("of two sources, access lasts as long as the longest")
    func longestSourceWins() {
        let second = Fact.purchase("thirty-again", order: "o3", items: [.of(.product, "p30")], at: day(10))

        #expect(derive([Self.thirtyDays, second], mapping: Self.mapping, now: day(35))["guitar"]?.status
                == .active(until: day(40)))
        #expect(derive([Self.thirtyDays, Self.lifetime], mapping: Self.mapping, now: day(35))["guitar"]?.status
                == .active(until: nil))
    }

    @Test("an admin grant with an end date is active until it, then expired")
    func grantUntil() {
        let grant = Fact.admin("grant", .grant(.course("theory"), until: day(7)), at: day(0))

        #expect(derive([grant], mapping: Self.mapping, now: day(6))["theory"]
                == AccessState(status: .active(until: day(7)), causes: [Cause(fact: "grant", role: .grant)]))
        #expect(derive([grant], mapping: Self.mapping, now: day(8))["theory"]?.status == .expired(at: day(7)))
    }

    @Test("an admin expiry ends lifetime access granted before it")
    func setExpiryOnLifetimeAccess() {
        let facts = [Self.lifetime, .admin("expiry", .setExpiry(course: "guitar", at: day(20)), at: day(5))]

        #expect(derive(facts, mapping: Self.mapping, now: day(10))["guitar"]?.status == .active(until: day(20)))
        #expect(derive(facts, mapping: Self.mapping, now: day(21))["guitar"]
                == AccessState(status: .expired(at: day(20)), causes: [Cause(fact: "expiry", role: .expiry)]))
    }

    @Test("an admin expiry replaces the access_days end of a source granted before it")
    func setExpiryExtendsAccessDays() {
        let facts = [Self.thirtyDays, .admin("expiry", .setExpiry(course: "guitar", at: day(90)), at: day(5))]

        #expect(derive(facts, mapping: Self.mapping, now: day(60))["guitar"]?.status == .active(until: day(90)))
    }

    @Test("removing the expiry gives lifetime access to sources granted before it")
    func removeExpiry() {
        let facts = [Self.thirtyDays, .admin("no-expiry", .removeExpiry(course: "guitar"), at: day(5))]

        #expect(derive(facts, mapping: Self.mapping, now: day(400))["guitar"]?.status == .active(until: nil))
    }

    @Test("removing the expiry undoes an expiry set before")
    func removeExpiryAfterSetExpiry() {
        let facts = [Self.lifetime,
                     .admin("expiry", .setExpiry(course: "guitar", at: day(20)), at: day(5)),
                     .admin("no-expiry", .removeExpiry(course: "guitar"), at: day(6))]

        #expect(derive(facts, mapping: Self.mapping, now: day(30))["guitar"]?.status == .active(until: nil))
    }

    @Test("an expiry override does not touch sources granted after it")
    func expiryOverrideSparesLaterSources() {
        let later = Fact.purchase("thirty", order: "o2", items: [.of(.product, "p30")], at: day(10))
        let facts = [.admin("expiry", .setExpiry(course: "guitar", at: day(90)), at: day(5)), later]

        #expect(derive(facts, mapping: Self.mapping, now: day(20))["guitar"]?.status == .active(until: day(40)))
        #expect(derive(facts, mapping: Self.mapping, now: day(50))["guitar"]?.status == .expired(at: day(40)))
    }

    @Test("an expiry override on one course leaves the other courses of the source alone")
    func expiryOverrideIsPerCourse() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar", "theory"])])
        let facts = [Self.lifetime, .admin("expiry", .setExpiry(course: "guitar", at: day(20)), at: day(5))]

        let access = derive(facts, mapping: mapping, now: day(30))

        #expect(access["guitar"]?.status == .expired(at: day(20)))
        #expect(access["theory"]?.status == .active(until: nil))
    }
}
