import AdapterKit
import Foundation

/// Signs bodies the way Stripe signs webhook deliveries.
public enum StripeSigner {
    /// The `Stripe-Signature` value for `body`: `t=TIMESTAMP,v1=HEX` with HEX the
    /// HMAC-SHA256 of `"{t}.{body}"` keyed with `secret` as-is, then one more `v1=` per
    /// extra secret (as while an endpoint secret is being rolled).
    public static func signatureHeader(body: [UInt8], secret: String, timestamp: Date,
                                       extraSecrets: [String] = []) -> String {
        let seconds = Int64(timestamp.timeIntervalSince1970.rounded(.down))
        var message = Array("\(seconds).".utf8)
        message += body
        let signatures = ([secret] + extraSecrets).map { "v1=" + Hex.encode(HMACVerifier(secret: $0).mac(message)) }
        return (["t=\(seconds)"] + signatures).joined(separator: ",")
    }
}
