import Hummingbird

/// A cookie the web pages set: reading one from a request, and the `Set-Cookie` value with
/// the flags a session cookie needs (`HttpOnly`, `SameSite=Strict`, a `Path`, `Secure`).
public struct WebCookie: Sendable, Hashable {
    public var name: String
    public var value: String
    /// Only requests under this path carry it (`/admin`, `/hub`).
    public var path: String
    /// Seconds it lives; 0 deletes it; `nil` makes a browser-session cookie.
    public var maxAge: Int?
    public var secure: Bool

    public init(name: String, value: String, path: String, maxAge: Int? = nil, secure: Bool) {
        self.name = name
        self.value = value
        self.path = path
        self.maxAge = maxAge
        self.secure = secure
    }

    /// The `Set-Cookie` header's value; never readable from scripts, never sent cross-site.
    public var headerValue: String {
        var text = "\(name)=\(value); Path=\(path); HttpOnly; SameSite=Strict"
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        if secure { text += "; Secure" }
        return text
    }

    /// A cookie that replaces `name` with nothing and expires at once (sign-out).
    public static func deleting(_ name: String, path: String, secure: Bool) -> WebCookie {
        WebCookie(name: name, value: "", path: path, maxAge: 0, secure: secure)
    }

    /// The value of cookie `name` in the request's `Cookie` headers, if any.
    public static func value(named name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Whether cookies set for this request should be `Secure`.
    ///
    /// Always, except when the browser reached the gateway directly on a loopback address
    /// over plain HTTP (`http://127.0.0.1:8080`, `http://localhost`: a developer's machine,
    /// the browser tests), where a browser would drop a `Secure` cookie. Behind a TLS proxy
    /// the `Host` is the public name, or `X-Forwarded-Proto` says `https`: `Secure` is set.
    public static func secure(for request: Request) -> Bool {
        if request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https" { return true }
        let host = request.head.authority ?? ""
        let name: Substring
        if host.hasPrefix("[") {
            name = host.split(separator: "]").first.map { $0.dropFirst() } ?? ""
        } else {
            name = host.split(separator: ":").first ?? ""
        }
        return !(name == "127.0.0.1" || name == "localhost" || name == "::1")
    }
}
