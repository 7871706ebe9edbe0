/// Where and how mail is submitted: `smtp://host:587` (upgraded with STARTTLS) or
/// `smtps://host:465` (TLS from the first byte), with optional credentials.
public struct MailServer: Sendable, Hashable, CustomStringConvertible {
    /// The server URL; `smtp://` or `smtps://`.
    public var url: String
    /// The user for `AUTH`, if the server needs one.
    public var username: String?
    /// The password for `AUTH`; never printed.
    public var password: String?
    /// Whether an `smtp://` connection must be upgraded with STARTTLS before anything is sent;
    /// on by default, so credentials and mail never travel in clear. Switch off only for a
    /// relay on the same host.
    public var requireTLS: Bool

    /// A server at `url`; STARTTLS is required unless `requireTLS` is false.
    public init(url: String, username: String? = nil, password: String? = nil, requireTLS: Bool = true) {
        self.url = url
        self.username = username
        self.password = password
        self.requireTLS = requireTLS
    }

    /// The server without its password.
    public var description: String {
        "MailServer(\(CurlClient.host(of: url)), user: \(username ?? "none"), requireTLS: \(requireTLS))"
    }
}
