import AccessKernel
import Foundation
import Testing

/// Which route a purchased item follows, and so which courses it opens.
@Suite("Route selection")
struct RouteSelectionTests {
    @Test("a purchased product opens every course its route maps it to")
    func productRouteOpensItsCourses() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar", "theory"])])
        let facts = [Fact.purchase("p", order: "o1", items: [.of(.product, "p1")], at: day(0))]

        let access = derive(facts, mapping: mapping, now: day(1))

        #expect(access == [
            "guitar": AccessState(status: .active(until: nil), causes: [Cause(fact: "p", role: .purchase)]),
            "theory": AccessState(status: .active(until: nil), causes: [Cause(fact: "p", role: .purchase)]),
        ])
    }

    @Test("a product without a route opens nothing")
    func unroutedProductOpensNothing() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
        let facts = [Fact.purchase("p", order: "o1", items: [.of(.product, "p2")], at: day(0))]

        #expect(derive(facts, mapping: mapping, now: day(1)).isEmpty)
    }

    @Test("the route for the product's pricing option is preferred over the product's route")
    func pricingOptionRouteIsPreferred() {
        let mapping = Shop.mapping([
            Shop.route(.product, "p1", to: ["guitar"]),
            Shop.route(.product, "p1", option: "annual", to: ["theory"]),
        ])
        let annual = [Fact.purchase("p", order: "o1", items: [.of(.product, "p1", option: "annual")], at: day(0))]
        let monthly = [Fact.purchase("p", order: "o1", items: [.of(.product, "p1", option: "monthly")], at: day(0))]

        #expect(Set(derive(annual, mapping: mapping, now: day(1)).keys) == ["theory"])
        #expect(Set(derive(monthly, mapping: mapping, now: day(1)).keys) == ["guitar"],
                "a pricing option without a route of its own falls back to the product's route")
    }

    @Test("a price-only route matches that pricing option on any product")
    func priceOnlyRouteMatchesAnyProduct() {
        let mapping = Shop.mapping([Shop.route(.product, nil, option: "price_123", to: ["bonus"])])
        let facts = [Fact.purchase("p", order: "o1", items: [.of(.product, "prod_A", option: "price_123")],
                                   at: day(0))]

        #expect(Set(derive(facts, mapping: mapping, now: day(1)).keys) == ["bonus"])
    }

    @Test("a price-only route is preferred over the product's route, an exact route over both")
    func routePreferenceOrder() {
        let mapping = Shop.mapping([
            Shop.route(.product, "p1", to: ["guitar"]),
            Shop.route(.product, nil, option: "price_123", to: ["bonus"]),
            Shop.route(.product, "p2", option: "price_123", to: ["theory"]),
        ])
        let viaPrice = [Fact.purchase("p", order: "o1", items: [.of(.product, "p1", option: "price_123")], at: day(0))]
        let exact = [Fact.purchase("p", order: "o1", items: [.of(.product, "p2", option: "price_123")], at: day(0))]

        #expect(Set(derive(viaPrice, mapping: mapping, now: day(1)).keys) == ["bonus"])
        #expect(Set(derive(exact, mapping: mapping, now: day(1)).keys) == ["theory"])
    }

    @Test("bump, upsell, downsell and bundle items are keyed apart from the product of the same id",
          arguments: ItemKind.allCases)
    func itemKindsAreDistinctKeys(kind: ItemKind) {
        let mapping = Shop.mapping([Shop.route(kind, "p1", to: ["bonus"])])

        for other in ItemKind.allCases {
            let facts = [Fact.purchase("p", order: "o1", items: [.of(other, "p1")], at: day(0))]
            let opened = derive(facts, mapping: mapping, now: day(1))["bonus"]?.isActive == true
            #expect(opened == (other == kind), "a \(other) item on a \(kind) route")
        }
    }

    @Test("every item of an order follows its own route")
    func eachItemFollowsItsOwnRoute() {
        let mapping = Shop.mapping([
            Shop.route(.product, "p1", to: ["guitar"]),
            Shop.route(.bump, "b1", to: ["bonus"]),
            Shop.route(.upsell, "u1", to: ["theory"]),
        ])
        let facts = [Fact.purchase("p", order: "o1", items: [.of(.product, "p1"), .of(.bump, "b1"), .of(.upsell, "u1")],
                                   at: day(0))]

        #expect(Set(derive(facts, mapping: mapping, now: day(1)).keys) == ["guitar", "bonus", "theory"])
    }

    @Test("a route belongs to one provider instance")
    func routesAreKeyedByInstance() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", on: Shop.otherInstance, to: ["guitar"])])
        let here = [Fact.purchase("p", order: "o1", items: [.of(.product, "p1")], on: Shop.instance, at: day(0))]
        let there = [Fact.purchase("p", order: "o1", items: [.of(.product, "p1")], on: Shop.otherInstance, at: day(0))]

        #expect(derive(here, mapping: mapping, now: day(1)).isEmpty)
        #expect(Set(derive(there, mapping: mapping, now: day(1)).keys) == ["guitar"])
    }
}
