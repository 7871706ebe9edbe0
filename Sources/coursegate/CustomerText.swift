import AccessKernel
import AccessStore
import Foundation
import Gateway

/// How customers, their profile and access changes read in the terminal.
enum CustomerText {
    static func date(_ date: Date) -> String { AccessText.date(date) }

    /// `web-basics: none → active until 2027-01-31T00:00:00Z` (or `→ expired 2020-01-01T00:00:00Z`,
    /// when it ended), or that nothing changed.
    static func changes(_ changes: [AccessChange]) -> [String] {
        guard !changes.isEmpty else { return ["no access changed"] }
        return changes.map { change in
            "\(change.course): \(change.before) → \(change.after)"
                + (change.expiresAt.map { (change.after == "expired" ? " " : " until ") + date($0) } ?? "")
        }
    }

    static func summary(_ customer: CustomerSummary) -> String {
        line(customer, customer.activeCourses.isEmpty ? "no active course" : customer.activeCourses.joined(separator: ", "))
    }

    /// `#3  ann@example.com  Ann Lee  — revoked by an admin: Write to us`: one customer of a course.
    static func member(_ member: CourseMember) -> String {
        line(member.customer, AccessText.status(member.state.status))
    }

    /// `#ID  EMAIL  NAME  — what`: one customer on one line.
    private static func line(_ customer: CustomerSummary, _ what: String) -> String {
        "#\(customer.id)  \(customer.email)  \(customer.name ?? "(no name)")  — \(what)"
    }

    /// The whole profile: details, access, purchases, payments, subscriptions, timeline.
    static func profile(_ profile: CustomerProfile) -> [String] {
        var lines = ["\(profile.name ?? "(no name)") <\(profile.email)>  customer #\(profile.id), since \(date(profile.createdAt))"
                     + (profile.erased ? " (erased)" : "")]
        if !profile.aliases.isEmpty { lines.append("  also known as: \(profile.aliases.joined(separator: ", "))") }
        lines.append("access:")
        if profile.access.isEmpty { lines.append("  none") }
        for access in profile.access {
            var line = "  \(access.course): \(access.status)" + (access.expiresAt.map { " until \(date($0))" } ?? "")
            if let message = access.message { line += " — “\(message)”" }
            lines.append(line)
            for source in access.sources {
                lines.append("      \(source.role): \(source.factKey) at \(date(source.at))"
                             + (source.orderID.map { ", order \($0)" } ?? "") + (source.actor.map { ", by \($0)" } ?? ""))
            }
        }
        if !profile.purchases.isEmpty { lines.append("purchases:") }
        for purchase in profile.purchases {
            lines.append("  order \(purchase.orderID) on \(purchase.instance) at \(date(purchase.at))" + (purchase.mode == "test" ? " (test)" : ""))
            for item in purchase.items {
                lines.append("      \(item.kind) \(item.productID)" + (item.pricingOption.map { " (\($0))" } ?? "")
                             + " \(money(item.amountCents, item.currency))" + (item.subscriptionID.map { ", subscription \($0)" } ?? ""))
            }
        }
        if !profile.payments.isEmpty { lines.append("payments:") }
        for payment in profile.payments {
            lines.append("  \(date(payment.at))  \(payment.kind) \(money(payment.amountCents, payment.currency)) on \(payment.instance)"
                         + (payment.orderID.map { ", order \($0)" } ?? ""))
        }
        if !profile.subscriptions.isEmpty { lines.append("subscriptions:") }
        for subscription in profile.subscriptions {
            lines.append("  \(subscription.subscriptionID) on \(subscription.instance): \(subscription.status)"
                         + (subscription.periodEnd.map { ", paid until \(date($0))" } ?? ""))
        }
        lines.append("timeline:")
        for entry in profile.timeline {
            lines.append("  \(date(entry.at))  \(entry.summary)" + (entry.actor.map { " (by \($0))" } ?? ""))
        }
        return lines
    }

    static func money(_ cents: Int64, _ currency: String) -> String {
        let sign = cents < 0 ? "-" : ""
        let absolute = cents.magnitude
        return "\(sign)\(absolute / 100).\(String(format: "%02d", absolute % 100)) \(currency.uppercased())"
    }
}
