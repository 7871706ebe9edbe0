import AdapterKit
import Foundation

/// Stripe's webhook signature as a preset of ``HMACVerifier``: HMAC-SHA256 keyed with the
/// endpoint secret (`whsec_…`, used as-is) over `"{t}.{raw body}"`, hex in `v1=`.
///
/// Any matching `v1` is accepted (secret rotation), each compared in constant time; the
/// signed timestamp must lie within `tolerance` of the arrival, before or after.
struct StripeSignatureVerifier: Sendable {
    private let verifier: HMACVerifier
    let tolerance: TimeInterval

    /// The longest tolerance honoured (a year); longer ones, and infinity, are cut to it.
    static let maximumTolerance: TimeInterval = 365 * 86_400

    /// A verifier for `secret`; a negative tolerance is zero, NaN the default of 300 s.
    init(secret: String, tolerance: TimeInterval) {
        verifier = HMACVerifier(secret: secret)
        self.tolerance = tolerance.isNaN ? 300 : min(max(0, tolerance), Self.maximumTolerance)
    }

    /// Checks the header against the body; throws `unauthenticated` for a missing,
    /// garbled or non-matching signature and `stale` for a timestamp out of tolerance.
    func verify(_ header: String?, body: [UInt8], receivedAt: Date) throws(AdapterError) {
        guard let header else {
            throw AdapterError(.unauthenticated, "Stripe-Signature header is missing")
        }
        guard let signature = StripeSignatureHeader(header) else {
            throw AdapterError(.unauthenticated, "Stripe-Signature header is not t=…,v1=…")
        }
        var message = Array(String(signature.timestamp).utf8)
        message.append(UInt8(ascii: "."))
        message += body
        guard signature.signatures.contains(where: { verifier.isValid(hexSignature: $0, for: message) }) else {
            throw AdapterError(.unauthenticated, "no v1 signature of Stripe-Signature matches the endpoint secret")
        }
        let skew = receivedAt.timeIntervalSince1970 - TimeInterval(signature.timestamp)
        guard abs(skew) <= tolerance else {
            // Whole seconds for the message only; a skew of ages is not worth an exact figure.
            let seconds = abs(skew) < 1e12 ? String(Int(abs(skew))) : "more than 10^12"
            throw AdapterError(.stale, "Stripe-Signature timestamp is \(seconds) s \(skew > 0 ? "old" : "in the future"), more than the tolerance of \(Int(tolerance)) s")
        }
    }
}
