import AccessKernel
import Foundation
import Testing

/// Every access state names the facts responsible for it, so support can explain it.
@Suite("Causes")
struct CauseTests {
    static let mapping = Shop.mapping([
        Shop.route(.product, "p1", to: ["guitar"]),
        Shop.route(.product, "p2", on: Shop.otherInstance, to: ["guitar"], accessDays: 30),
    ])

    @Test("active access lists every source still giving it")
    func activeListsEverySource() {
        let facts = [Fact.purchase("tc-order", order: "o1", items: [.of(.product, "p1")], at: day(0)),
                     .purchase("so-order", order: "o2", items: [.of(.product, "p2")], on: Shop.otherInstance, at: day(1)),
                     .admin("grant", .grant(.course("guitar"), until: nil), at: day(2))]

        #expect(derive(facts, mapping: Self.mapping, now: day(3))["guitar"]?.causes
                == [Cause(fact: "grant", role: .grant), Cause(fact: "so-order", role: .purchase),
                    Cause(fact: "tc-order", role: .purchase)])
    }

    @Test("a source that ended no longer explains active access")
    func endedSourcesAreNotCauses() {
        let facts = [Fact.purchase("tc-order", order: "o1", items: [.of(.product, "p1")], at: day(0)),
                     .purchase("so-order", order: "o2", items: [.of(.product, "p2")], on: Shop.otherInstance, at: day(1)),
                     .refund("refund", order: "o1", amount: 10_000, at: day(2))]

        #expect(derive(facts, mapping: Self.mapping, now: day(3))["guitar"]
                == AccessState(status: .active(until: day(31)), causes: [Cause(fact: "so-order", role: .purchase)]))
    }

    @Test("ended access names the fact that ended the last source")
    func endedAccessNamesLastEnding() {
        let facts = [Fact.purchase("tc-order", order: "o1", items: [.of(.product, "p1")], at: day(0)),
                     .purchase("so-order", order: "o2", items: [.of(.product, "p2")], on: Shop.otherInstance, at: day(1)),
                     .refund("refund", order: "o1", amount: 10_000, at: day(2))]

        #expect(derive(facts, mapping: Self.mapping, now: day(40))["guitar"]
                == AccessState(status: .expired(at: day(31)), causes: [Cause(fact: "so-order", role: .purchase)]))
    }
}
