import AccessKernel
import AccessStore
import Foundation
import Hummingbird

extension AdminPages {
    /// One customer's page and its forms: access rights, revoke and restore, expiry,
    /// welcome mail, name and email, and payment actions through the provider.
    func addCustomer(to router: Router<BasicRequestContext>) {
        page(router, "/admin/customers/{id}") { visit in
            let desk = try supportDesk()
            let profile = try await desk.profile(customerID: try visit.customerID())
            return render("admin/customer", customerData(profile, desk: desk), visit: visit,
                          title: profile.name ?? profile.email, nav: "customers")
        }
        let back: @Sendable (AdminVisit) -> String = { "/admin/customers/\($0.parameter("id"))" }
        action(router, "/admin/customers/{id}/access", back: back) { visit in
            let changes = try await supportDesk().setAccess(customerID: try visit.customerID(),
                                                            to: try AdminChoices.selection(from: visit.form), by: visit.actor)
            return (back(visit), "Access rights saved: \(AdminFormat.changes(changes))")
        }
        action(router, "/admin/customers/{id}/revoke", back: back) { visit in
            let course = try required(visit.form, "course")
            let changes = try await supportDesk().revoke(customerID: try visit.customerID(), course: course,
                                                         message: visit.form["message"], by: visit.actor)
            return (back(visit), "Revoked: \(AdminFormat.changes(changes))")
        }
        action(router, "/admin/customers/{id}/restore", back: back) { visit in
            let changes = try await supportDesk().restore(customerID: try visit.customerID(), course: try required(visit.form, "course"),
                                                          by: visit.actor)
            return (back(visit), "Restored: \(AdminFormat.changes(changes))")
        }
        action(router, "/admin/customers/{id}/expiry", back: back) { visit in
            let date = visit.form["remove"] != nil ? nil : try AdminFormat.date(try required(visit.form, "expires_at"), field: "expires_at")
            let changes = try await supportDesk().setExpiry(customerID: try visit.customerID(), course: try required(visit.form, "course"),
                                                            at: date, by: visit.actor)
            return (back(visit), (date == nil ? "Expiry removed: " : "Expiry set: ") + AdminFormat.changes(changes))
        }
        action(router, "/admin/customers/{id}/welcome", back: back) { visit in
            let queued = try await supportDesk().resendWelcome(customerID: try visit.customerID(), course: visit.form["course"],
                                                               by: visit.actor)
            return (back(visit), "Welcome mail queued (\(queued.count))")
        }
        action(router, "/admin/customers/{id}/details", back: back) { visit in
            _ = try await supportDesk().changeDetails(customerID: try visit.customerID(), name: visit.form["name"],
                                                      email: visit.form["email"], by: visit.actor)
            return (back(visit), "Name and email saved")
        }
        action(router, "/admin/customers/{id}/payment", back: back) { visit in
            let instance = try required(visit.form, "instance")
            let request: PaymentRequest
            switch visit.form["action"] {
            case "refund":
                request = .refund(instance: instance, orderID: try required(visit.form, "order"), paymentID: nil,
                                  itemReference: nil, amountCents: nil, reason: visit.form["reason"])
            case "cancel": request = .cancel(instance: instance, subscriptionID: try required(visit.form, "subscription"), orderID: visit.form["order"])
            case "pause": request = .pause(instance: instance, subscriptionID: try required(visit.form, "subscription"), orderID: visit.form["order"])
            case "resume": request = .resume(instance: instance, subscriptionID: try required(visit.form, "subscription"), orderID: visit.form["order"])
            default: throw SupportError(.invalid, "unknown payment action", field: "action")
            }
            let outcome = try await supportDesk().payment(request, customerID: try visit.customerID(), by: visit.actor)
            return (back(visit), "\(outcome.summary); \(AdminFormat.changes(outcome.changes))")
        }
    }

    private func required(_ form: FormFields, _ name: String) throws -> String {
        guard let value = form[name] else { throw SupportError(.invalid, "\(name) is missing", field: name) }
        return value
    }

    /// What the customer template shows.
    func customerData(_ profile: CustomerProfile, desk: SupportDesk) -> [String: Any] {
        let mapping = desk.mapping.mapping
        let providers = desk.providers
        let access = profile.access.map { line -> [String: Any] in
            var row: [String: Any] = [:]
            if let expires = line.expiresAt { row["expires"] = AdminFormat.day(expires) }
            if let message = line.message, !message.isEmpty { row["message"] = message }
            return row.merging(["course": line.course, "title": line.title ?? line.course, "status": line.status,
             "active": line.status == "active", "revoked": line.status == "revoked",
             "sources": line.sources.map { "\($0.role) \($0.orderID.map { "order \($0)" } ?? "")\($0.actor.map { " by \($0)" } ?? "")" }
                 .joined(separator: "; ")]) { $1 }
        }
        let canPay: (String) -> Bool = { providers[$0] != nil }
        let canPause: (String) -> Bool = { canPay($0) && mapping.instances[$0]?.kind != "sendowl" }
        let purchases = profile.purchases.map { purchase -> [String: Any] in
            ["instance": purchase.instance, "order": purchase.orderID, "at": AdminFormat.time(purchase.at), "mode": purchase.mode,
             "items": purchase.items.map { "\($0.kind) \($0.productID)" }.joined(separator: ", "),
             "refundable": canPay(purchase.instance)]
        }
        let subscriptions = profile.subscriptions.map { line -> [String: Any] in
            ["instance": line.instance, "subscription": line.subscriptionID, "order": line.orderID ?? "", "status": line.status,
             "periodEnd": AdminFormat.day(line.periodEnd),
             "cancellable": canPay(line.instance) && line.status != "cancelled",
             "pausable": canPause(line.instance) && line.status == "active",
             "resumable": canPause(line.instance) && line.status == "paused"]
        }
        let payments = profile.payments.map { line -> [String: Any] in
            ["kind": line.kind, "instance": line.instance, "order": line.orderID ?? "", "at": AdminFormat.time(line.at),
             "amount": String(format: "%.2f %@", Double(line.amountCents) / 100, line.currency)]
        }
        let timeline = profile.timeline.reversed().map { entry -> [String: Any] in
            ["at": AdminFormat.time(entry.at), "summary": entry.summary, "actor": entry.actor ?? "", "kind": entry.kind]
        }
        let active = Set(profile.access.filter { $0.status == "active" }.map(\.course))
        var data: [String: Any] = [
            "id": profile.id, "email": profile.email, "name": profile.name.map { $0 as Any } ?? false, "nameValue": profile.name ?? "", "aliases": profile.aliases.isEmpty ? false : profile.aliases.joined(separator: ", "),
            "created": AdminFormat.day(profile.createdAt), "erased": profile.erased,
            "access": access, "noAccess": access.isEmpty, "purchases": purchases, "subscriptions": subscriptions,
            "payments": payments, "timeline": timeline,
        ]
        for (key, value) in AdminChoices(mapping, active: active).data { data[key] = value }
        return data
    }
}
