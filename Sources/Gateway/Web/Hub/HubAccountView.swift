import AccessKernel
import Foundation

/// A customer's profile as the hub page shows it: plain values for the template.
struct HubAccountView {
    let profile: CustomerProfile
    let mapping: Mapping
    let actions: HubActions

    var data: [String: Any] {
        let courses = profile.access.map(course)
        return [
            "name": profile.name ?? "",
            "email": profile.email,
            "courses": courses,
            "hasCourses": !courses.isEmpty,
            "anyRevoked": profile.access.contains { $0.status == "revoked" },
            "purchases": profile.purchases.sorted { $0.at > $1.at }.map(purchase),
            "hasPurchases": !profile.purchases.isEmpty,
            "payments": profile.payments.map(payment),
            "hasPayments": !profile.payments.isEmpty,
            "subscriptions": profile.subscriptions.map(subscription),
            "hasSubscriptions": !profile.subscriptions.isEmpty,
        ]
    }

    private func course(_ access: CourseAccess) -> [String: Any] {
        let course = mapping.courses[access.course]
        var line: [String: Any] = [
            "title": access.title ?? access.course,
            "status": access.status,
            "isActive": access.status == "active",
            "isRevoked": access.status == "revoked",
        ]
        if let date = access.expiresAt {
            line[access.status == "active" ? "until" : "ended"] = Self.day(date)
        }
        if access.status == "active", let url = course?.loginURL { line["loginURL"] = url }
        if access.status == "revoked" {
            line["message"] = access.message ?? course?.revokedMessage ?? "Your access to this course was withdrawn."
        }
        return line
    }

    private func purchase(_ purchase: PurchaseLine) -> [String: Any] {
        [
            "order": purchase.orderID,
            "date": Self.day(purchase.at),
            "test": purchase.mode != "live",
            "items": purchase.items.map { item in
                ["product": productTitle(instance: purchase.instance, productID: item.productID, kind: item.kind),
                 "amount": Self.money(item.amountCents, item.currency)]
            },
        ]
    }

    private func payment(_ payment: PaymentLine) -> [String: Any] {
        [
            "kind": payment.kind,
            "order": payment.orderID ?? "",
            "date": Self.day(payment.at),
            "amount": Self.money(payment.amountCents, payment.currency),
        ]
    }

    private func subscription(_ line: SubscriptionLine) -> [String: Any] {
        var data: [String: Any] = [
            "id": line.subscriptionID,
            "instance": line.instance,
            "product": line.productID.map { productTitle(instance: line.instance, productID: $0) } ?? "",
            "status": line.status.replacingOccurrences(of: "_", with: " "),
            "statusClass": line.status == "active" ? "active" : "revoked",
            "canCancel": actions.allows(.cancel, line),
            "canPause": actions.allows(.pause, line),
        ]
        if let end = line.periodEnd { data["periodEnd"] = Self.day(end) }
        return data
    }

    /// A product as the customer knows it: the titles of the courses it opens, else its id.
    private func productTitle(instance: String, productID: String, kind: String? = nil) -> String {
        let courses = mapping.routes.values
            .filter { $0.key.instance == instance && $0.key.productID == productID && $0.key.pricingOption == nil }
            .filter { kind == nil || $0.key.kind.rawValue == kind }
            .flatMap(\.courses).compactMap { mapping.courses[$0]?.title }
        let unique = courses.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return unique.isEmpty ? "Product \(productID)" : unique.joined(separator: " + ")
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM yyyy"
        return formatter.string(from: date)
    }

    static func money(_ cents: Int64, _ currency: String) -> String {
        let sign = cents < 0 ? "−" : ""
        let value = abs(cents)
        return "\(sign)\(value / 100).\(String(format: "%02d", Int(value % 100))) \(currency.uppercased())"
    }
}
