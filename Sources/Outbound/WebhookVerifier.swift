import Crypto
import Foundation

/// Checks a Standard Webhooks delivery: its headers, its timestamp against a tolerance, and
/// its signature under any of the receiver's secrets, compared in constant time.
///
/// The mock course site and the tests use it, so what we sign is checked by the receiver's rules.
public struct WebhookVerifier: Sendable {
    /// The secrets a signature may be made with.
    public let secrets: [WebhookSecret]
    /// How far a timestamp may be from now, either way.
    public let tolerance: Duration

    /// A verifier for `secrets` (`whsec_…`); five minutes of tolerance unless told.
    ///
    /// - Throws: ``WebhookSignatureError`` when there is no secret or one is not `whsec_` + base64.
    public init(secrets: [String], tolerance: Duration = .seconds(300)) throws(WebhookSignatureError) {
        let signer = try WebhookSigner(secrets: secrets)
        self.secrets = signer.secrets
        self.tolerance = tolerance
    }

    /// Verifies a delivery and returns its `webhook-id`.
    ///
    /// - Throws: ``WebhookSignatureError``: a missing or malformed header, a timestamp outside
    ///   the tolerance, or no matching `v1,` signature.
    @discardableResult
    public func verify(headers: [HTTPHeader], body: [UInt8], now: Date = Date()) throws(WebhookSignatureError) -> String {
        guard let id = headers["webhook-id"], !id.isEmpty,
              let timestampText = headers["webhook-timestamp"], let timestamp = Int64(timestampText),
              let signatures = headers["webhook-signature"] else {
            throw WebhookSignatureError(.missingHeader, "webhook-id, webhook-timestamp or webhook-signature is missing")
        }
        let skew = abs(Double(timestamp) - now.timeIntervalSince1970)
        guard skew <= Double(tolerance.components.seconds) else {
            throw WebhookSignatureError(.staleTimestamp, "webhook-timestamp is \(Int(skew)) s from now")
        }
        let message = WebhookSigner.signedContent(id: id, timestamp: timestamp, body: body)
        let candidates = signatures.split(separator: " ").compactMap { entry -> [UInt8]? in
            guard entry.hasPrefix("v1,"), let bytes = Data(base64Encoded: String(entry.dropFirst(3))) else { return nil }
            return Array(bytes)
        }
        // Every candidate is checked under every secret, so the time taken does not say which matched.
        var matched = false
        for secret in secrets {
            let key = SymmetricKey(data: secret.key)
            for candidate in candidates where HMAC<SHA256>.isValidAuthenticationCode(candidate, authenticating: message, using: key) {
                matched = true
            }
        }
        guard matched else { throw WebhookSignatureError(.signatureMismatch, "no v1 signature matches") }
        return id
    }
}
