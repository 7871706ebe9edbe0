import AdapterKit
import Foundation

/// Inbound requests as Stripe makes them: `POST`, a JSON body, `Stripe-Signature`.
public enum NativeCheckoutRequest {
    /// When the recorded deliveries arrive, unless a test says otherwise.
    public static let defaultReceivedAt = Date(timeIntervalSince1970: 1_720_000_000)

    /// The request delivering `event`, signed with `secret` at `signedAt` (default: the
    /// moment it arrives).
    public static func make(_ event: StripeJSON, secret: String = NativeCheckoutScenario.webhookSecret,
                            receivedAt: Date = defaultReceivedAt, signedAt: Date? = nil) -> InboundRequest {
        make(body: StripeJSONWriter.encode(event), secret: secret, receivedAt: receivedAt, signedAt: signedAt)
    }

    /// The request delivering a recorded body, signed with `secret` (and `extraSecrets`)
    /// at `signedAt` (default: the moment it arrives).
    public static func make(body: [UInt8], secret: String = NativeCheckoutScenario.webhookSecret,
                            extraSecrets: [String] = [], receivedAt: Date = defaultReceivedAt,
                            signedAt: Date? = nil) -> InboundRequest {
        let header = StripeSigner.signatureHeader(body: body, secret: secret, timestamp: signedAt ?? receivedAt,
                                                  extraSecrets: extraSecrets)
        return make(body: body, signatureHeader: header, receivedAt: receivedAt)
    }

    /// The request delivering a body with a `Stripe-Signature` value as given (`nil`
    /// leaves the header out), for tests of forged and garbled signatures.
    public static func make(body: [UInt8], signatureHeader: String?, receivedAt: Date = defaultReceivedAt) -> InboundRequest {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"),
        ]
        if let signatureHeader { headers.append(("Stripe-Signature", signatureHeader)) }
        return InboundRequest(method: "POST", headers: headers, body: body, receivedAt: receivedAt)
    }
}
