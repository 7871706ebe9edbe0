import AccessKernel
import AccessStore
import Foundation
import Hummingbird

extension HubPages {
    /// The email form, the link request, the link itself, and signing out.
    func addSignIn(to router: Router<BasicRequestContext>) {
        router.get("/hub") { request, _ in
            if try await visit(request) != nil { return WebPages.redirect(to: "/hub/me") }
            return requestPage(request, data: [:])
        }
        router.post("/hub/link") { request, _ in
            let (desk, tokens) = try parts()
            let form = try await FormFields.read(request, limit: 16 << 10)
            guard let expected = WebCookie.value(named: Self.formCookie, in: request),
                  RandomToken.matches(form["csrf"], expected) else { return refused() }
            guard addresses.allow(HubClientAddress.of(request), limit: limits.perAddress, window: limits.addressWindow, now: now()) else {
                logger.notice("hub link request refused: too many from one address")
                return render("hub/problem", ["message": "Too many requests from here. Wait a few minutes and try again."],
                              title: "Too many requests", status: .tooManyRequests)
            }
            let email = form["email"] ?? ""
            // Known or not, the answer is the same page: it tells nobody who bought.
            if EmailAddress.isPlausible(email), let customer = try await desk.store.customer(email: email), !customer.isErased {
                if try await underEmailLimit(customer.id, kind: .signIn, tokens: tokens) {
                    try await sendLink(.signIn, customer: customer, to: customer.email, request: request, tokens: tokens)
                    logger.info("hub sign-in link queued", metadata: ["customer": "\(customer.id)"])
                } else {
                    logger.notice("hub sign-in link not sent: the per-email limit is reached", metadata: ["customer": "\(customer.id)"])
                }
            }
            return requestPage(request, data: ["sent": true])
        }
        router.get("/hub/login") { request, _ in
            let (_, tokens) = try parts()
            let secret = request.uri.queryParameters["token"].map(String.init) ?? ""
            guard !secret.isEmpty,
                  let link = try await tokens.consumeHubLink(hash: RandomToken.hash(secret), kind: .signIn, now: now()) else {
                return requestPage(request, data: ["expired": true], status: .gone)
            }
            return try await signIn(customerID: link.customerID, request: request, tokens: tokens)
        }
        router.post("/hub/logout") { request, _ in
            let form = try await FormFields.read(request, limit: 16 << 10)
            let secure = WebCookie.secure(for: request)
            if let visit = try await visit(request), visit.accepts(form), let tokens {
                try await tokens.endHubSession(hash: RandomToken.hash(visit.token))
            }
            return HubCookie.redirect(to: "/hub", setting: [.deleting(Self.cookie, path: "/hub", secure: secure)])
        }
    }

    /// The email form (with a fresh double-submit token), with what happened above it.
    func requestPage(_ request: Request, data: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let token = RandomToken.make()
        var data = data
        data["formToken"] = token
        var response = render("hub/request", data, title: "Your purchases", status: status)
        response.headers[values: .setCookie].append(HubCookie(cookie:
            WebCookie(name: Self.formCookie, value: token, path: "/hub", maxAge: 3600, secure: WebCookie.secure(for: request))).headerValue)
        return response
    }
}
