import Hummingbird

/// The hub's cookies: like the admin's (`HttpOnly`, a `Path`, `Secure` except on plain-HTTP
/// loopback) but `SameSite=Lax`, because the sign-in link is opened from a mail client, a
/// cross-site navigation whose redirect must still carry the new session.
struct HubCookie {
    var cookie: WebCookie

    var headerValue: String {
        cookie.headerValue.replacingOccurrences(of: "SameSite=Strict", with: "SameSite=Lax")
    }

    /// 303 See Other to `location`, setting `cookies` with `SameSite=Lax`.
    static func redirect(to location: String, setting cookies: [WebCookie]) -> Response {
        var response = WebPages.redirect(to: location)
        for cookie in cookies { response.headers[values: .setCookie].append(HubCookie(cookie: cookie).headerValue) }
        return response
    }
}
