import Foundation
import Mocks
import Testing

/// A database whose customers bought at a mock ThriveCart account: orders are sold on the
/// mock, recorded by `coursegate reconcile` as a missed webhook would be, and then support
/// commands run against the same mapping, database and API.
struct MockThriveCartAccount {
    let api: MockThriveCartAPI
    let config: String
    let db = CLI.temporaryFile("customers.sqlite")

    init() throws {
        api = try MockThriveCartAPI()
        config = try ReconcileCommandTests.mapping(thriveCart: api.baseURL, sendOwl: "http://127.0.0.1:9")
    }

    /// A monthly subscription to product 12 on pricing option 3 (the example mapping's
    /// membership route: web-basics and coaching-vault), by `buyerN@example.com`.
    private static func subscriptionOrder(_ index: Int, subscription: String) -> ThriveCartOrder {
        var order = ReconcileCommandTests.thriveCartOrder(index, hoursAgo: 26)
        order.items = [ThriveCartItem(.product, id: "12", name: "Web Basics monthly", amount: 2_900,
                                      paymentPlan: ThriveCartPaymentPlan(id: "3", name: "Monthly"), frequency: "month",
                                      subscriptionID: subscription)]
        return order
    }

    /// Sells a course-and-bump order (product 12: web-basics, bump 12: bonus-toolkit) by
    /// `buyerN@example.com` and records it; the order.
    func purchase(_ index: Int) throws -> ThriveCartOrder {
        let order = ReconcileCommandTests.thriveCartOrder(index, hoursAgo: 26)
        try buy(order)
        return order
    }

    /// Sells a subscription order (subscription `sub_N`) and records it; the order.
    func subscribe(_ index: Int) throws -> ThriveCartOrder {
        let order = Self.subscriptionOrder(index, subscription: "sub_\(index)")
        try buy(order)
        return order
    }

    /// `coursegate customers ACTION EMAIL --instance tc-main --subscription ID` (cancel, pause, resume).
    func subscription(_ action: String, _ order: ThriveCartOrder, _ id: String) throws -> CLI.Result {
        try run(["customers", action, order.customer.email, "--instance", "tc-main", "--subscription", id])
    }

    /// Sells `orders` on the mock and records them with `coursegate reconcile`.
    func buy(_ orders: ThriveCartOrder...) throws {
        orders.forEach(api.sell)
        try reconcile()
    }

    /// `coursegate reconcile` of the last two days: what happened at the provider is recorded.
    func reconcile() throws {
        let result = try run(["reconcile", "--instance", "tc-main", "--since", "2d"])
        #expect(result.status == 0, "\(result.errors)")
    }

    /// Runs `coursegate` with the account's mapping, database and API credentials.
    func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--config", config, "--db", db], environment: ReconcileCommandTests.environment)
    }

    func stop() { api.stop() }
}
