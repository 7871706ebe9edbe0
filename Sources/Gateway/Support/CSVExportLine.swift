import AccessKernel
import AccessStore
import Foundation

/// One course member as a line of the export: who, their status, expiry, where the access
/// comes from, and when it was granted and last changed (dates ISO 8601, UTC).
struct CSVExportLine {
    static let header = ["email", "name", "status", "expires_at", "sources", "granted_at", "changed_at"]

    let member: CourseMember
    /// The customer's facts, to say what each cause was.
    let facts: [FactKey: Fact]

    init(member: CourseMember, facts: [Fact]) {
        self.member = member
        self.facts = Dictionary(facts.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var cells: [String] {
        let state = member.state
        let granted = state.causes.filter { $0.role == .purchase || $0.role == .grant }
            .compactMap { facts[$0.fact]?.occurredAt }.min()
        return [member.customer.email, member.customer.name ?? "", state.status.name,
                state.status.date.map(Self.date) ?? "",
                state.causes.map(source).joined(separator: "; "),
                granted.map(Self.date) ?? "", Self.date(member.changedAt)]
    }

    /// One cause as support reads it: `order 1042 (tc-main)`, `grant by support`, `revoke by cli`.
    private func source(_ cause: Cause) -> String {
        guard let fact = facts[cause.fact] else { return "\(cause.role.rawValue) \(cause.fact)" }
        switch fact.event {
        case .purchase(let purchase):
            return "order \(purchase.orderID) (\(fact.instance))"
        case .refund(let refund):
            return "refund of order \(refund.orderID) (\(fact.instance))"
        case .admin(let action):
            let what = fact.key.rawValue.hasPrefix("import:") ? "import" : action.action.name.replacingOccurrences(of: "_", with: " ")
            if case .grant(.item(let instance, let key), _) = action.action {
                return "\(what) of \(key) (\(instance)) by \(action.actor)"
            }
            return "\(what) by \(action.actor)"
        case .subscription(let change):
            return "subscription \(change.subscriptionID) \(change.change.name) (\(fact.instance))"
        case .dispute(let dispute):
            return "dispute on order \(dispute.orderID) (\(fact.instance))"
        case .detailsChanged:
            return "\(cause.role.rawValue) \(cause.fact)"
        }
    }

    private static func date(_ date: Date) -> String { date.formatted(.iso8601) }
}
