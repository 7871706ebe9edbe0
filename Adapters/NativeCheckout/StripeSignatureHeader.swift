/// The `Stripe-Signature` header: `t=UNIX,v1=HEX[,v1=HEX…]`.
///
/// Schemes other than `v1` (Stripe's test-only `v0`, future ones) are skipped; several
/// `v1` entries are normal while an endpoint secret is being rolled.
struct StripeSignatureHeader: Equatable {
    /// The signed timestamp, unix seconds.
    var timestamp: Int64
    /// The `v1` signatures, as hex text.
    var signatures: [String]

    /// Longest header accepted; a real one with two signatures is about 150 bytes.
    static let maximumLength = 4096
    /// Most `v1` entries looked at.
    static let maximumSignatures = 8

    /// The header's parts, or `nil` when it is not of this shape.
    init?(_ text: String) {
        guard text.utf8.count <= Self.maximumLength else { return nil }
        var timestamp: Int64?
        var signatures: [String] = []
        for element in text.split(separator: ",", omittingEmptySubsequences: true) {
            let pair = element.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let scheme = pair[0].trimmingWhitespace
            let value = pair[1].trimmingWhitespace
            switch scheme {
            case "t":
                // Two timestamps are not a header Stripe writes.
                guard timestamp == nil, !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                      let seconds = Int64(value) else { return nil }
                timestamp = seconds
            case "v1":
                guard !value.isEmpty else { continue }
                signatures.append(value)
            default:
                continue
            }
        }
        guard let timestamp, !signatures.isEmpty else { return nil }
        self.timestamp = timestamp
        self.signatures = Array(signatures.prefix(Self.maximumSignatures))
    }
}

private extension Substring {
    var trimmingWhitespace: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
