import AccessKernel
import Foundation
import Testing

/// Which courses can appear in a customer's access at all.
@Suite("Course visibility")
struct CourseVisibilityTests {
    @Test("a route to an unpublished or unknown course opens only its published courses")
    func unpublishedAndUnknownCoursesNeverAppear() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar", "draft", "ghost"])])
        let facts = [Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0))]

        #expect(Set(derive(facts, mapping: mapping, now: day(1)).keys) == ["guitar"])
    }

    @Test("admin actions on an unpublished or unknown course never make it appear",
          arguments: ["draft", "ghost"])
    func adminActionsOnHiddenCourses(course: String) {
        let facts = [Fact.admin("grant", .grant(.course(course), until: nil), at: day(0)),
                     .admin("expiry", .setExpiry(course: course, at: day(9)), at: day(1)),
                     .admin("revoke", .revoke(course: course, message: nil), at: day(2))]

        #expect(derive(facts, mapping: Shop.mapping([]), now: day(3)).isEmpty)
        #expect(derive(Array(facts.prefix(1)), mapping: Shop.mapping([]), now: day(3)).isEmpty)
    }

    @Test("unpublishing a course hides it from customers who had it")
    func unpublishingHides() {
        var mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
        let facts = [Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0))]
        mapping.courses["guitar"]?.published = false

        #expect(derive(facts, mapping: mapping, now: day(1)).isEmpty)
    }

    @Test("a customer without facts has no access")
    func noFactsNoAccess() {
        #expect(derive([], mapping: Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])]), now: day(0)).isEmpty)
    }

    @Test("customer detail changes do not touch access")
    func detailsChangeNothing() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
        let buy = Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0))
        let renamed = Fact.detailsChanged("details", CustomerDetails(name: "Ann B", email: "ann@new.example"), at: day(1))

        #expect(derive([buy, renamed], mapping: mapping, now: day(2)) == derive([buy], mapping: mapping, now: day(2)))
    }
}
