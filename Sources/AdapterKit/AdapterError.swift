/// Why an adapter refused a request; the gateway turns it into an HTTP status.
public struct AdapterError: Error, Sendable, Hashable, CustomStringConvertible {
    public var kind: Kind
    /// What was wrong, safe to send back to the provider and to log (no secrets).
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public enum Kind: String, Sendable, Hashable {
        /// Wrong or missing secret or signature (401).
        case unauthenticated
        /// Not a payload of this provider, or one missing what it must carry (400).
        case malformed
        /// A signed timestamp outside the tolerance: a replay, or a badly skewed clock (400).
        case stale
        /// The body's media type is not one this provider sends (415).
        case unsupportedMediaType = "unsupported_media_type"
        /// The instance lacks a secret it needs (500, and a log line for the operator).
        case misconfigured
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
