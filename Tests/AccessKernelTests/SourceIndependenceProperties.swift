import AccessKernel
import Foundation
import Testing

/// Several sources of one course are independent: ending one never removes the course
/// while another still gives it.
@Suite("Property: source independence")
struct SourceIndependenceProperties {
    /// Policies under which every ending revokes at once.
    static let revoking = PolicyOverrides.with {
        $0.onRefund = .revoke
        $0.onPartialRefund = .revoke
        $0.onCancel = .revokeNow
        $0.onAdminCancel = .revokeNow
        $0.onHubCancel = .revokeNow
        $0.onPause = .suspend
        $0.onDispute = .revoke
    }

    @Test("refunding or cancelling one source never removes a course another still-active source grants")
    func endingOneSourceKeepsTheOther() {
        Property.check("source independence", seed: 0x5EED_0002) { random in
            var background = ScenarioGenerator(includeAdmin: false).scenario(using: &random)
            var mapping = background.mapping
            let instances = mapping.instances.keys.sorted()
            let instanceA = random.pick(instances), instanceB = random.pick(instances)
            var policiesA = Self.revoking
            let graceDays = Int.random(in: 0...3, using: &random)
            policiesA.onPaymentFailed = .revokeAfterDays(graceDays)
            let keyA = ItemKey(random.pick(ItemKind.allCases), "shared-a", pricingOption: random.chance(0.3) ? "yearly" : nil)
            let keyB = ItemKey(random.pick(ItemKind.allCases), "shared-b")
            mapping.courses["shared"] = Course(id: "shared", title: "Shared")
            mapping.routes[RouteKey(instance: instanceA, kind: keyA.kind, productID: keyA.productID,
                                    pricingOption: keyA.pricingOption)] =
                Shop.route(keyA.kind, keyA.productID, option: keyA.pricingOption, on: instanceA, to: ["shared"],
                           accessDays: random.chance(0.3) ? Int.random(in: 1...40, using: &random) : nil,
                           policies: policiesA)
            mapping.routes[RouteKey(instance: instanceB, kind: keyB.kind, productID: keyB.productID)] =
                Shop.route(keyB.kind, keyB.productID, on: instanceB, to: ["shared"],
                           policies: ScenarioGenerator.overrides(using: &random))

            let boughtA = background.end.addingTimeInterval(Double(Int.random(in: -500...24, using: &random)) * 3_600)
            let boughtB = background.end.addingTimeInterval(Double(Int.random(in: -500...24, using: &random)) * 3_600)
            let itemA = OrderItem(key: keyA, amount: 4_900, currency: "USD", subscriptionID: "sub-a")
            let sourceA = Fact(key: "a:purchase", instance: instanceA, occurredAt: boughtA, customer: Fact.customer,
                               event: .purchase(Purchase(orderID: "order-a", items: [itemA])))
            let sourceB = Fact(key: "b:purchase", instance: instanceB, occurredAt: boughtB, customer: Fact.customer,
                               event: .purchase(Purchase(orderID: "order-b", items: [.init(key: keyB, amount: 900, currency: "USD")])))
            let endedAt = boughtA.addingTimeInterval(Double(Int.random(in: 0...200, using: &random)) * 3_600)
            let ending = Fact(key: "a:ending", instance: instanceA, occurredAt: endedAt, customer: Fact.customer,
                              event: Self.ending(of: itemA, order: "order-a", using: &random))
            background.mapping = mapping
            background.now = max(endedAt, boughtB).addingTimeInterval(Double(graceDays) * 86_400 + 3_600)

            var onlyA = background
            onlyA.facts += [sourceA, ending]
            var onlyB = background
            onlyB.facts += [sourceB]
            var both = background
            both.facts += [sourceA, sourceB, ending]
            both.facts.shuffle(using: &random)

            let endedA = onlyA.derived()["shared"], activeB = onlyB.derived()["shared"], result = both.derived()["shared"]
            guard endedA?.isActive != true, activeB?.isActive == true, result?.isActive == true,
                  result?.causes == [Cause(fact: "b:purchase", role: .purchase)] else {
                return .fails("""
                    \(both)
                    A with its ending: \(String(describing: endedA))
                    B alone: \(String(describing: activeB))
                    both: \(String(describing: result))
                    """)
            }
            return .holds
        }
    }

    /// An event that ends a source under ``revoking`` policies.
    static func ending(of item: OrderItem, order: String, using random: inout SplitMix64) -> Event {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: .refund(Refund(orderID: order, amount: item.amount, currency: "USD"))
        case 1: .refund(Refund(orderID: order, item: item.key, amount: item.amount, currency: "USD"))
        case 2: .refund(Refund(orderID: order, amount: Int64.random(in: 1...item.amount, using: &random), currency: "USD"))
        case 3:
            .subscription(SubscriptionChange(subscriptionID: "sub-a", change: .cancelled(Cancellation(
                effective: random.pick([.now, .periodEnd]), initiator: random.pick([.customer, .admin, .provider])))))
        case 4: .subscription(SubscriptionChange(subscriptionID: "sub-a", change: .paused))
        case 5: .subscription(SubscriptionChange(subscriptionID: "sub-a", change: .paymentFailed))
        case 6: .dispute(Dispute(orderID: order, disputeID: "dp-a"))
        default: .dispute(Dispute(orderID: order, disputeID: "dp-a", outcome: .lost))
        }
    }
}
