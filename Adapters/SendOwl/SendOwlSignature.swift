import AdapterKit

/// SendOwl's signature scheme as a preset of ``AdapterKit/HMACVerifier``:
/// `X-SENDOWL-HMAC-SHA256` = base64(HMAC-SHA256(key: the signing key secret, data: the raw body)).
///
/// There is no timestamp, so nothing is ever stale: replays are absorbed by idempotency keys.
struct SendOwlSignature: Sendable {
    /// The header that carries the signature.
    static let header = "X-SENDOWL-HMAC-SHA256"

    private let verifier: HMACVerifier

    init(signingKey: String) { verifier = HMACVerifier(secret: signingKey) }

    /// Whether `request` carries a valid signature of its body, compared in constant time.
    /// Whitespace around the header value is ignored (Ruby's `encode64` ends in a newline).
    func isValid(_ request: InboundRequest) -> Bool {
        guard let value = request.header(Self.header)?.trimmingASCIISpaces(), !value.isEmpty else { return false }
        return verifier.isValid(base64Signature: value, for: request.body)
    }
}
