import AccessStore
import Foundation
import Hummingbird

extension AdminPages {
    /// Sign-in with an admin API key, and sign-out.
    func addSignIn(to router: Router<BasicRequestContext>) {
        router.get("/admin/login") { request, _ in
            if try await signedIn(request) != nil { return WebPages.redirect(to: "/admin/customers") }
            return loginPage(request, message: nil, status: .ok)
        }
        router.post("/admin/login") { request, _ in
            let form = try await FormFields.read(request, limit: 64 << 10)
            guard let expected = WebCookie.value(named: Self.loginCookie, in: request),
                  RandomToken.matches(form["csrf"], expected) else { return forbidden() }
            guard let secret = form["key"] else {
                return loginPage(request, message: "Enter an admin API key.", status: .unauthorized)
            }
            guard let key = try await store.key(secret: secret) else {
                return loginPage(request, message: "That key is not a live API key.", status: .unauthorized)
            }
            guard key.scope == .admin else {
                return loginPage(request, message: "That is a read key: the admin pages need a key with the admin scope (coursegate keys create --scope admin).",
                                 status: .forbidden)
            }
            let (token, _) = sessions.start(subject: key.id, name: key.name)
            let secure = WebCookie.secure(for: request)
            return WebPages.redirect(to: "/admin/customers", cookies: [
                WebCookie(name: Self.cookie, value: token, path: "/admin", secure: secure),
                .deleting(Self.loginCookie, path: "/admin", secure: secure),
            ])
        }
        router.post("/admin/logout") { request, _ in
            let form = try await FormFields.read(request, limit: 64 << 10)
            let token = WebCookie.value(named: Self.cookie, in: request)
            guard let session = sessions.session(token: token) else { return WebPages.redirect(to: "/admin/login") }
            guard RandomToken.matches(form["csrf"], session.csrf) else { return forbidden() }
            sessions.end(token: token)
            return WebPages.redirect(to: "/admin/login", cookies: [.deleting(Self.cookie, path: "/admin", secure: WebCookie.secure(for: request))])
        }
    }

    /// The sign-in form with a fresh double-submit token (cookie and hidden field).
    private func loginPage(_ request: Request, message: String?, status: HTTPResponse.Status) -> Response {
        let token = RandomToken.make()
        var response = pages.render("admin/login", ["csrf": token, "message": message as Any],
                                    layout: ["title": "Sign in", "admin": true], status: status)
        response.headers[values: .setCookie].append(
            WebCookie(name: Self.loginCookie, value: token, path: "/admin", maxAge: 3600, secure: WebCookie.secure(for: request)).headerValue)
        return response
    }
}
