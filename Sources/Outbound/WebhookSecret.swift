import Foundation

/// A Standard Webhooks signing secret: `whsec_` followed by the base64 of the key bytes.
///
/// The key is the base64-decoded part, never the text as written (unlike Stripe's secrets),
/// so a secret that is not `whsec_` plus valid base64 is refused when it is read.
public struct WebhookSecret: Sendable, Hashable {
    /// The prefix every secret starts with.
    public static let prefix = "whsec_"

    /// The HMAC key: the decoded bytes after the prefix.
    public let key: [UInt8]

    /// Reads `text`, `whsec_` followed by base64 of at least one byte.
    ///
    /// - Throws: ``WebhookSignatureError`` of kind ``WebhookSignatureError/Kind/invalidSecret``.
    public init(_ text: String) throws(WebhookSignatureError) {
        guard text.hasPrefix(Self.prefix) else {
            throw WebhookSignatureError(.invalidSecret, "a webhook secret starts with \(Self.prefix)")
        }
        let encoded = String(text.dropFirst(Self.prefix.count))
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else {
            throw WebhookSignatureError(.invalidSecret, "the part after \(Self.prefix) is not base64 of a key")
        }
        key = Array(bytes)
    }

    /// A secret for `key`, as a sink's secret is generated: `whsec_` + base64 of the bytes.
    public init(key: [UInt8]) {
        self.key = key
    }

    /// The secret written out, `whsec_` + base64 of the key.
    public var text: String { Self.prefix + Data(key).base64EncodedString() }
}
