import AccessKernel
import AccessStore
import Foundation

/// One sentence per timeline line, for people: "purchase of order 1042 on tc-main",
/// "admin revoke of web-basics by support-key: message", "web-basics granted (mapping v3)".
enum TimelineSummary {
    /// What a fact says happened.
    static func fact(_ fact: Fact) -> String {
        let on = "on \(fact.instance)"
        var text: String
        switch fact.event {
        case .purchase(let purchase):
            let items = purchase.items.map(\.key.description).joined(separator: ", ")
            text = "purchase of order \(purchase.orderID) \(on)" + (items.isEmpty ? "" : ": \(items)")
        case .refund(let refund):
            let what = refund.item.map { "\($0) of order \(refund.orderID)" } ?? "order \(refund.orderID)"
            text = "refund of \(money(refund.amount, refund.currency)) for \(what) \(on)"
        case .subscription(let change):
            text = "subscription \(change.subscriptionID) \(subscription(change.change)) \(on)"
        case .dispute(let dispute):
            text = "dispute \(dispute.disputeID) on order \(dispute.orderID) "
                + (dispute.outcome.map { "closed: \($0.rawValue)" } ?? "opened") + " \(on)"
        case .admin(let admin):
            let (what, detail) = action(admin.action)
            text = "admin \(what) by \(admin.actor)" + (detail.map { ": \($0)" } ?? "")
            if let note = admin.note, !note.isEmpty { text += " (\(note))" }
        case .detailsChanged(let details):
            text = details.erased ? "customer erased" : self.details(details)
        }
        if fact.mode == .test { text += " (test mode)" }
        return text
    }

    /// What an access event changed, and the fact that caused it.
    static func access(_ event: AccessEvent, cause: Fact?) -> String {
        let change = switch event.kind {
        case .granted: "granted"
        case .revoked: "revoked"
        case .expired: "expired"
        case .restored: "restored"
        case .expiryChanged: event.state.status.date.map { "now ends \(day($0))" } ?? "now has no end"
        }
        var text = "\(event.course) \(change)"
        if case .active(let until?) = event.state.status, event.kind != .expiryChanged { text += " until \(day(until))" }
        if let cause { text += ", after the \(self.cause(cause))" }
        return text + " (mapping v\(event.mappingVersion))"
    }

    /// A fact named briefly as the cause of an access event: "purchase of order 1042 on tc-main".
    private static func cause(_ fact: Fact) -> String {
        switch fact.event {
        case .purchase(let purchase): "purchase of order \(purchase.orderID) on \(fact.instance)"
        case .refund(let refund): "refund of order \(refund.orderID) on \(fact.instance)"
        case .subscription(let change): "subscription \(change.subscriptionID) \(change.change.name) on \(fact.instance)"
        case .dispute(let dispute): "dispute \(dispute.disputeID) on order \(dispute.orderID)"
        case .admin(let admin): "admin \(admin.action.name) by \(admin.actor)"
        case .detailsChanged: "details change"
        }
    }

    /// What an admin did ("revoke of web-basics") and what they said with it (the message).
    private static func action(_ action: AdminAction.Action) -> (what: String, detail: String?) {
        switch action {
        case .grant(.course(let course), let until):
            ("grant of \(course)" + (until.map { " until \(day($0))" } ?? ""), nil)
        case .grant(.item(let instance, let key), let until):
            ("grant of \(key) on \(instance)" + (until.map { " until \(day($0))" } ?? ""), nil)
        case .revoke(let course, let message):
            ("revoke of \(course)", message.flatMap { $0.isEmpty ? nil : $0 })
        case .restore(let course):
            ("restore of \(course)", nil)
        case .setExpiry(let course, let at):
            ("expiry of \(course) set to \(day(at))", nil)
        case .removeExpiry(let course):
            ("expiry of \(course) removed", nil)
        case .providerAction(let name, let reference, let summary):
            ("\(name) through the provider" + (reference.map { " (\($0))" } ?? ""), summary)
        }
    }

    private static func subscription(_ change: SubscriptionChange.Change) -> String {
        switch change {
        case .started(let periodEnd): "started" + (periodEnd.map { ", paid until \(day($0))" } ?? "")
        case .renewed(let periodEnd): "renewed" + (periodEnd.map { ", paid until \(day($0))" } ?? "")
        case .paused: "paused"
        case .resumed: "resumed"
        case .cancelled(let cancellation):
            "cancelled by the \(cancellation.initiator.rawValue)"
                + (cancellation.effective == .now ? ", at once"
                    : ", at the end of the period" + (cancellation.periodEnd.map { " (\(day($0)))" } ?? ""))
        case .paymentFailed: "payment failed"
        }
    }

    private static func details(_ details: CustomerDetails) -> String {
        var changes: [String] = []
        if let name = details.name { changes.append("name changed to \(name)") }
        if let email = details.email { changes.append("email changed to \(email)") }
        return changes.isEmpty ? "details changed" : changes.joined(separator: ", ")
    }

    /// `12.50 USD` (`1250 JPY` for currencies without minor units).
    static func money(_ minorUnits: Int64, _ currency: String) -> String {
        let code = currency.uppercased()
        guard !zeroDecimal.contains(code) else { return "\(minorUnits) \(code)" }
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents) \(code)"
    }

    private static let zeroDecimal: Set<String> = ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF",
                                                   "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]

    private static func day(_ date: Date) -> String { date.formatted(dayStyle) }
    private static let dayStyle = Date.ISO8601FormatStyle().year().month().day()
}
