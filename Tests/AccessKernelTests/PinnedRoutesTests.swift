import AccessKernel
import Foundation
import Testing

/// A mapping applied to new purchases only: earlier purchases keep the routes they were
/// bought under, later ones follow the new routes.
@Suite("Pinned routes")
struct PinnedRoutesTests {
    @Test("a purchase pinned to the old mapping keeps its courses; an unpinned one follows the new routes")
    func pinnedPurchaseKeepsOldRoutes() {
        let old = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
        let new = Shop.mapping([Shop.route(.product, "p1", to: ["guitar", "theory"])])
        let before = Fact.purchase("before", order: "o1", items: [.of(.product, "p1")], at: day(0))
        let after = Fact.purchase("after", order: "o2", items: [.of(.product, "p1")], at: day(2))

        #expect(Set(derive([before], mapping: new, now: day(1), pinned: ["before": old]).keys) == ["guitar"])
        #expect(Set(derive([before], mapping: new, now: day(1)).keys) == ["guitar", "theory"], "a backfill unpins")
        let both = derive([before, after], mapping: new, now: day(3), pinned: ["before": old])
        #expect(Set(both.keys) == ["guitar", "theory"])
        #expect(both["theory"]?.causes == [Cause(fact: "after", role: .purchase)])
    }

    @Test("a course the new mapping no longer publishes is closed even for a pinned purchase")
    func coursesComeFromTheCurrentMapping() {
        var new = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
        new.courses["guitar"]?.published = false
        let old = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
        let before = Fact.purchase("before", order: "o1", items: [.of(.product, "p1")], at: day(0))

        #expect(derive([before], mapping: new, now: day(1), pinned: ["before": old]).isEmpty)
    }
}
