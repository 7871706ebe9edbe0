import AccessKernel
import Foundation
import Testing

/// A manual revoke wins over every earlier source, a restore undoes it, and a later
/// purchase opens the course again.
@Suite("Property: manual revoke")
struct ManualRevokeProperties {
    static func revoke(_ course: String, message: String?, at date: Date) -> Fact {
        Fact(key: "zz:revoke", instance: .admin, occurredAt: date, customer: Fact.customer,
             event: .admin(AdminAction(actor: "support", action: .revoke(course: course, message: message))))
    }

    static func restore(_ course: String, at date: Date) -> Fact {
        Fact(key: "zz:restore", instance: .admin, occurredAt: date, customer: Fact.customer,
             event: .admin(AdminAction(actor: "support", action: .restore(course: course))))
    }

    /// A state without the causes a restore adds, to compare restored access with access
    /// that was never revoked.
    static func withoutRestores(_ access: [String: AccessState]) -> [String: AccessState] {
        access.mapValues { AccessState(status: $0.status, causes: $0.causes.filter { $0.role != .restore }) }
    }

    /// Whether the last revoke or restore of `course` in the stream is a revoke.
    static func isRevoked(_ course: String, in facts: [Fact]) -> Bool {
        let overrides = facts.compactMap { fact -> (Date, Int, FactKey, Bool)? in
            guard case .admin(let admin) = fact.event else { return nil }
            switch admin.action {
            case .revoke(course, _): return (fact.occurredAt, 0, fact.key, true)
            case .restore(course): return (fact.occurredAt, 1, fact.key, false)
            default: return nil
            }
        }
        return overrides.max { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }?.3 ?? false
    }

    @Test("after a manual revoke at the end of any stream the course is revoked, and a restore right after gives back the state without the pair")
    func revokeThenRestore() {
        Property.check("revoke beats, restore undoes", seed: 0x5EED_0005) { random in
            let scenario = ScenarioGenerator().scenario(using: &random)
            let openable = scenario.mapping.courses.values.filter(\.published).map(\.id).sorted()
            guard !openable.isEmpty else { return .discarded }
            let course = random.pick(openable)
            let message: String? = random.chance(0.5) ? "Contact support" : nil
            let revoke = Self.revoke(course, message: message, at: scenario.end.addingTimeInterval(3_600))
            let restore = Self.restore(course, at: scenario.end.addingTimeInterval(7_200))

            var revoked = scenario
            revoked.facts.append(revoke)
            let revokedAccess = revoked.derived()
            let expected = AccessState(status: .revoked(.manual(message: message)),
                                       causes: [Cause(fact: revoke.key, role: .revoke)])
            guard revokedAccess[course] == expected else {
                return .fails("\(revoked)\nafter revoking \(course):\n\(revokedAccess.report)")
            }

            var pair = revoked
            pair.facts.append(restore)
            var restoreOnly = scenario
            restoreOnly.facts.append(restore)
            let restored = Self.withoutRestores(pair.derived())
            let reference = Self.isRevoked(course, in: scenario.facts)
                ? Self.withoutRestores(restoreOnly.derived()) : Self.withoutRestores(scenario.derived())
            guard restored == reference else {
                return .fails("""
                    \(pair)
                    after revoking and restoring \(course):
                    \(restored.report)
                    expected (stream \(Self.isRevoked(course, in: scenario.facts) ? "with the restore alone" : "alone")):
                    \(reference.report)
                    """)
            }
            return .holds
        }
    }

    @Test("a purchase after a manual revoke opens the course again")
    func purchaseAfterRevokeOpens() {
        Property.check("purchase after revoke opens", seed: 0x5EED_0006) { random in
            let scenario = ScenarioGenerator().scenario(using: &random)
            let mapping = scenario.mapping
            let candidates = mapping.routes.values.sorted { $0.key.description < $1.key.description }.flatMap { route in
                route.courses.filter(mapping.isOpenable).map { course in
                    (course, route.key.instance,
                     ItemKey(route.key.kind, route.key.productID ?? "fresh", pricingOption: route.key.pricingOption))
                }
            }.filter { course, instance, item in mapping.route(for: item, on: instance)?.courses.contains(course) == true }
            guard !candidates.isEmpty else { return .discarded }
            let (course, instance, item) = random.pick(candidates)
            let revoke = Self.revoke(course, message: nil, at: scenario.end.addingTimeInterval(3_600))
            let again = Fact(key: "zz:again", instance: instance, occurredAt: scenario.end.addingTimeInterval(7_200),
                             customer: Fact.customer,
                             event: .purchase(Purchase(orderID: "order-again",
                                                       items: [OrderItem(key: item, amount: 100, currency: "USD")])))
            var reopened = scenario
            reopened.facts += [revoke, again]
            reopened.now = again.occurredAt.addingTimeInterval(3_600)

            let access = reopened.derived()
            guard access[course]?.isActive == true,
                  access[course]?.causes.contains(Cause(fact: again.key, role: .purchase)) == true else {
                return .fails("\(reopened)\nafter revoking \(course) and buying \(item) on \(instance):\n\(access.report)")
            }
            return .holds
        }
    }
}
