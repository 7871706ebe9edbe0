import AccessKernel
import Foundation
import Testing

/// Test-mode orders are stored and visible but never open a live course.
@Suite("Test mode")
struct TestModeTests {
    static let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar", "sandbox"])])

    @Test("a test-mode purchase does not open a live course")
    func testPurchaseDoesNotOpenLiveCourse() {
        let facts = [Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0), mode: .test)]

        #expect(derive(facts, mapping: Self.mapping, now: day(1))["guitar"] == nil)
    }

    @Test("a test-mode purchase opens a test course")
    func testPurchaseOpensTestCourse() {
        let facts = [Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0), mode: .test)]

        #expect(derive(facts, mapping: Self.mapping, now: day(1))
                == ["sandbox": AccessState(status: .active(until: nil), causes: [Cause(fact: "purchase", role: .purchase)])])
    }

    @Test("a live purchase opens live and test courses alike")
    func livePurchaseOpensBoth() {
        let facts = [Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0))]

        #expect(Set(derive(facts, mapping: Self.mapping, now: day(1)).keys) == ["guitar", "sandbox"])
    }

    @Test("a live course opened by a live purchase is explained by it, not by a test purchase of the same item")
    func liveCourseCausesAreLive() {
        let facts = [Fact.purchase("test", order: "t1", items: [.of(.product, "p1")], at: day(0), mode: .test),
                     .purchase("live", order: "o1", items: [.of(.product, "p1")], at: day(1))]

        let access = derive(facts, mapping: Self.mapping, now: day(2))

        #expect(access["guitar"]?.causes == [Cause(fact: "live", role: .purchase)])
        #expect(access["sandbox"]?.causes == [Cause(fact: "live", role: .purchase), Cause(fact: "test", role: .purchase)])
    }

    @Test("a test-mode refund never touches a live purchase whose order id matches")
    func testRefundLeavesLivePurchase() {
        let refund = Fact.refund("test-refund", order: "o1", amount: 1_000, at: day(1), mode: .test)
        let facts = [Fact.purchase("live", order: "o1", items: [.of(.product, "p1")], at: day(0)), refund]

        #expect(derive(facts, mapping: Self.mapping, now: day(2))["guitar"]?.isActive == true)
    }
}
