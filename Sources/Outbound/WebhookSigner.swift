import Crypto
import Foundation

/// Signs our outgoing webhooks per Standard Webhooks: `webhook-id`, `webhook-timestamp` and
/// `webhook-signature` with one `v1,BASE64` entry per secret.
///
/// Several secrets are signed with at once while a sink's secret is being rotated, so the
/// receiver accepts the delivery under the old secret or the new one.
public struct WebhookSigner: Sendable {
    /// The secrets signed with, in order.
    public let secrets: [WebhookSecret]

    /// A signer for `secrets`, each written `whsec_…`.
    ///
    /// - Throws: ``WebhookSignatureError`` when there is no secret or one is not `whsec_` + base64.
    public init(secrets: [String]) throws(WebhookSignatureError) {
        var read: [WebhookSecret] = []
        for text in secrets { read.append(try WebhookSecret(text)) }
        try self.init(secrets: read)
    }

    /// A signer for secrets already read.
    ///
    /// - Throws: ``WebhookSignatureError`` of kind ``WebhookSignatureError/Kind/noSecrets`` for an empty list.
    public init(secrets: [WebhookSecret]) throws(WebhookSignatureError) {
        guard !secrets.isEmpty else { throw WebhookSignatureError(.noSecrets, "a webhook signer needs a secret") }
        self.secrets = secrets
    }

    /// The `webhook-signature` value: `v1,BASE64` per secret, separated by spaces, BASE64 the
    /// HMAC-SHA256 of `"{id}.{timestamp}.{body}"`.
    public func signature(id: String, timestamp: Int64, body: [UInt8]) -> String {
        let message = Self.signedContent(id: id, timestamp: timestamp, body: body)
        return secrets.map { secret in
            let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret.key))
            return "v1," + Data(mac).base64EncodedString()
        }.joined(separator: " ")
    }

    /// The three Standard Webhooks headers for one attempt; `id` stays the same across retries,
    /// `timestamp` (unix seconds) is the attempt's.
    public func headers(id: String, timestamp: Int64, body: [UInt8]) -> [HTTPHeader] {
        [
            HTTPHeader(name: "webhook-id", value: id),
            HTTPHeader(name: "webhook-timestamp", value: String(timestamp)),
            HTTPHeader(name: "webhook-signature", value: signature(id: id, timestamp: timestamp, body: body)),
        ]
    }

    /// A signed JSON `POST` of `body` to `url`, ready for an ``HTTPTransport``.
    public func request(to url: String, id: String, timestamp: Int64, body: [UInt8]) -> OutboundRequest {
        OutboundRequest(method: .post, url: url,
                        headers: [HTTPHeader(name: "Content-Type", value: "application/json")]
                            + headers(id: id, timestamp: timestamp, body: body),
                        body: body)
    }

    /// The bytes that are signed: `"{id}.{timestamp}.{body}"`.
    static func signedContent(id: String, timestamp: Int64, body: [UInt8]) -> [UInt8] {
        Array("\(id).\(timestamp).".utf8) + body
    }
}
