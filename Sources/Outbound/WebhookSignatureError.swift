/// Why a Standard Webhooks secret was refused or a delivery did not verify.
public struct WebhookSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// A secret is not `whsec_` followed by base64 of a key.
        case invalidSecret
        /// No secret was given, so nothing could be signed or verified.
        case noSecrets
        /// A `webhook-id`, `webhook-timestamp` or `webhook-signature` header is missing or malformed.
        case missingHeader
        /// The timestamp is further from now than the tolerance allows (a replay or a bad clock).
        case staleTimestamp
        /// No `v1,` signature matches the body under any of the secrets.
        case signatureMismatch
    }

    /// What went wrong.
    public let kind: Kind
    /// An explanation for logs; it never contains a secret or a signature.
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message, for logs.
    public var description: String { message }
}
