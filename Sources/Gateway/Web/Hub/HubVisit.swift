import AccessStore
import Foundation
import Hummingbird

/// A signed-in hub request: the customer, and the CSRF token their forms carry.
///
/// The CSRF token is derived from the session's secret (the SHA-256 of `csrf:` and the
/// cookie's token), so it needs no storage and no page can know it without the cookie.
struct HubVisit {
    let customerID: Int64
    let token: String
    var csrf: String { RandomToken.hash("csrf:" + token) }

    /// Whether a posted form carries this session's token.
    func accepts(_ form: FormFields) -> Bool { RandomToken.matches(form["csrf"], csrf) }
}

extension HubPages {
    /// The visit of a request with a live session cookie, else `nil`.
    func visit(_ request: Request) async throws -> HubVisit? {
        guard let token = WebCookie.value(named: Self.cookie, in: request), !token.isEmpty, let tokens else { return nil }
        guard let customerID = try await tokens.hubSession(hash: RandomToken.hash(token), now: now()) else { return nil }
        return HubVisit(customerID: customerID, token: token)
    }

    /// Starts a session for the customer: the redirect to `/hub/me` that sets its cookie.
    func signIn(customerID: Int64, request: Request, tokens: any HubTokens, to location: String = "/hub/me") async throws -> Response {
        let token = RandomToken.make()
        let now = now()
        try await tokens.startHubSession(hash: RandomToken.hash(token), customerID: customerID,
                                         expiresAt: now.addingTimeInterval(Self.sessionLifetime), now: now)
        return HubCookie.redirect(to: location, setting: [
            WebCookie(name: Self.cookie, value: token, path: "/hub", maxAge: Int(Self.sessionLifetime),
                      secure: WebCookie.secure(for: request)),
        ])
    }

    /// The answer to a form whose CSRF token is missing or wrong.
    func refused() -> Response {
        render("hub/problem", ["message": "This form has expired or did not come from these pages. Go back, reload the page and try again."],
               title: "Refused", status: .forbidden)
    }
}
