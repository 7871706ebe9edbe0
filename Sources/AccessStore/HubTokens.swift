import Foundation

/// What the customer hub keeps: single-use links (sign-in, email change) and sign-in
/// sessions, each stored only as the SHA-256 hash of its secret, so a copy of the database
/// signs nobody in.
public protocol HubTokens: Sendable {
    /// Stores a link's hash and queues the mail that carries it, in one transaction: the link
    /// exists only if its mail is on its way.
    func issueHubLink(_ link: HubLink, mail: HubLinkMail, now: Date) async throws

    /// Uses up the link whose secret hashes to `hash`: only once, and only before it expires.
    /// Returns it, or `nil` when it is unknown, of another kind, used or expired.
    func consumeHubLink(hash: String, kind: HubLink.Kind, now: Date) async throws -> HubLink?

    /// How many links of `kind` were issued for the customer since `since` (the per-email rate limit).
    func hubLinksIssued(customerID: Int64, kind: HubLink.Kind, since: Date) async throws -> Int

    /// Stores a session (its hash) for the customer until `expiresAt`.
    func startHubSession(hash: String, customerID: Int64, expiresAt: Date, now: Date) async throws

    /// The customer a live session belongs to, or `nil` when unknown or expired.
    func hubSession(hash: String, now: Date) async throws -> Int64?

    /// Ends a session (signing out).
    func endHubSession(hash: String) async throws

    /// Deletes expired links and sessions; returns how many rows went.
    func pruneHub(now: Date) async throws -> Int
}

/// A single-use link of the hub, as stored: the hash of its secret, never the secret.
public struct HubLink: Sendable, Hashable {
    /// Hex SHA-256 of the secret the mail carries.
    public var hash: String
    public var kind: Kind
    public var customerID: Int64
    /// For an email change: the address the customer asked for (the link went there).
    public var newEmail: String?
    public var expiresAt: Date

    public init(hash: String, kind: Kind, customerID: Int64, newEmail: String? = nil, expiresAt: Date) {
        self.hash = hash
        self.kind = kind
        self.customerID = customerID
        self.newEmail = newEmail
        self.expiresAt = expiresAt
    }

    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Signs the customer in.
        case signIn = "sign_in"
        /// Confirms a new email address.
        case emailChange = "email_change"
    }
}

/// The mail that carries a hub link: its recipient and the whole URL.
///
/// The URL (with the secret) stays in the outbox row only until the mail is delivered or
/// given up; then the store removes it.
public struct HubLinkMail: Sendable, Hashable {
    /// `mail.hub_link` or `mail.hub_email_change`.
    public var topic: String
    public var to: String
    public var name: String?
    public var url: String

    public init(topic: String, to: String, name: String?, url: String) {
        self.topic = topic
        self.to = to
        self.name = name
        self.url = url
    }

    /// The topics of hub mails; their links are scrubbed after delivery.
    public static let topics: Set<String> = ["mail.hub_link", "mail.hub_email_change"]
}
