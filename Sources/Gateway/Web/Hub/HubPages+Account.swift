import AccessKernel
import AccessStore
import Foundation
import Hummingbird

extension HubPages {
    /// The customer's page, their details, their subscriptions, and the email confirmation.
    func addAccount(to router: Router<BasicRequestContext>) {
        router.get("/hub/me") { request, _ in
            guard let visit = try await visit(request) else { return WebPages.redirect(to: "/hub") }
            let notice = request.uri.queryParameters["notice"].flatMap { Self.notices[String($0)] }
            return try await accountPage(visit, notice: notice)
        }
        router.post("/hub/me/details") { request, _ in
            guard let visit = try await visit(request) else { return WebPages.redirect(to: "/hub") }
            let form = try await FormFields.read(request, limit: 16 << 10)
            guard visit.accepts(form) else { return refused() }
            return try await changeDetails(visit, form: form, request: request)
        }
        router.post("/hub/me/subscription") { request, _ in
            guard let visit = try await visit(request) else { return WebPages.redirect(to: "/hub") }
            let form = try await FormFields.read(request, limit: 16 << 10)
            guard visit.accepts(form) else { return refused() }
            return try await changeSubscription(visit, form: form)
        }
        router.get("/hub/confirm-email") { request, _ in
            let (desk, tokens) = try parts()
            let secret = request.uri.queryParameters["token"].map(String.init) ?? ""
            guard !secret.isEmpty, let link = try await tokens.consumeHubLink(hash: RandomToken.hash(secret), kind: .emailChange, now: now()),
                  let email = link.newEmail else {
                return requestPage(request, data: ["expired": true], status: .gone)
            }
            do {
                _ = try await desk.changeDetails(customerID: link.customerID, name: nil, email: email, by: Self.actor)
            } catch let error as SupportError {
                return render("hub/problem", ["message": "Your email could not be changed: \(error.message)."], title: "Not changed",
                              status: .conflict)
            }
            return try await signIn(customerID: link.customerID, request: request, tokens: tokens, to: "/hub/me?notice=email-changed")
        }
    }

    /// The messages a redirect back to `/hub/me` may ask for (by key, so no text is reflected).
    static let notices: [String: String] = [
        "saved": "Your name is saved.",
        "email-sent": "We sent a confirmation link to the new address. Your email changes when you open it (within 24 hours).",
        "email-changed": "Your email address is changed. Use it from now on.",
        "cancelled": "Your subscription is cancelled.",
        "paused": "Your subscription is paused.",
    ]

    func accountPage(_ visit: HubVisit, notice: String?, error: String? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let (desk, _) = try parts()
        let profile = try await desk.profile(customerID: visit.customerID)
        guard !profile.erased else { return WebPages.redirect(to: "/hub") }
        var data = HubAccountView(profile: profile, mapping: desk.mapping.mapping, actions: HubActions(desk: desk, settings: settings)).data
        data["notice"] = notice
        data["error"] = error
        return render("hub/me", data, title: "Your courses", visit: visit, status: status)
    }

    private func changeDetails(_ visit: HubVisit, form: FormFields, request: Request) async throws -> Response {
        let (desk, tokens) = try parts()
        guard let customer = try await desk.store.customer(id: visit.customerID) else { return WebPages.redirect(to: "/hub") }
        var notice = "saved"
        if let name = form["name"], name != customer.name {
            _ = try await desk.changeDetails(customerID: customer.id, name: name, email: nil, by: Self.actor)
        }
        if let email = form["email"], EmailAddress.normalise(email) != customer.email {
            guard EmailAddress.isPlausible(email) else {
                return try await accountPage(visit, notice: nil, error: "\(email) is not an email address.", status: .badRequest)
            }
            // Whether the address is someone else's is not said: the answer is the same.
            let owner = try await desk.store.customer(email: email)
            if owner == nil || owner?.id == customer.id, try await underEmailLimit(customer.id, kind: .emailChange, tokens: tokens) {
                try await sendLink(.emailChange, customer: customer, to: EmailAddress.normalise(email),
                                   newEmail: EmailAddress.normalise(email), request: request, tokens: tokens)
            } else {
                logger.notice("hub email change link not sent (address taken or limit reached)", metadata: ["customer": "\(customer.id)"])
            }
            notice = "email-sent"
        }
        return WebPages.redirect(to: "/hub/me?notice=\(notice)")
    }

    private func changeSubscription(_ visit: HubVisit, form: FormFields) async throws -> Response {
        let (desk, _) = try parts()
        guard let action = form["action"].flatMap(HubActions.Action.init(rawValue:)),
              let id = form["subscription"], let instance = form["instance"] else {
            return try await accountPage(visit, notice: nil, error: "That form was incomplete.", status: .badRequest)
        }
        let profile = try await desk.profile(customerID: visit.customerID)
        guard let subscription = profile.subscriptions.first(where: { $0.subscriptionID == id && $0.instance == instance }) else {
            return try await accountPage(visit, notice: nil, error: "That subscription is not yours.", status: .notFound)
        }
        do {
            _ = try await HubActions(desk: desk, settings: settings).perform(action, subscription: subscription, customerID: visit.customerID)
        } catch let error as SupportError {
            logger.notice("hub subscription action failed", metadata: ["customer": "\(visit.customerID)", "error": "\(error)"])
            return try await accountPage(visit, notice: nil,
                                         error: "That did not work: \(error.message). Please write to us and we will do it for you.",
                                         status: .badGateway)
        }
        return WebPages.redirect(to: "/hub/me?notice=\(action == .cancel ? "cancelled" : "paused")")
    }
}
