import AdapterKit
import Foundation

/// Inbound requests as SendOwl makes them: `POST`, a raw JSON body, its signature in
/// `X-SENDOWL-HMAC-SHA256`, and the trigger in `X-SENDOWL-EVENT` when one is given.
public enum SendOwlRequest {
    /// The `User-Agent` SendOwl's webhooks carry (it contains `sendowl`).
    public static let userAgent = "SendOwl Webhooks (sendowl.com)"

    /// The request delivering `payload`, signed with `key`.
    public static func make(_ payload: SendOwlJSON, key: String = SendOwlScenario.signingKey, event: String? = nil,
                            receivedAt: Date = Date(timeIntervalSince1970: 1_720_000_000)) -> InboundRequest {
        make(body: payload.encoded, key: key, event: event, receivedAt: receivedAt)
    }

    /// The request delivering a recorded body, signed with `key` (`nil`: no signature header).
    public static func make(body: [UInt8], key: String? = SendOwlScenario.signingKey, event: String? = nil,
                            contentType: String = "application/json",
                            receivedAt: Date = Date(timeIntervalSince1970: 1_720_000_000)) -> InboundRequest {
        var headers: [(name: String, value: String)] = [("Content-Type", contentType), ("User-Agent", userAgent)]
        if let key { headers.append(("X-SENDOWL-HMAC-SHA256", SendOwlSigner.sign(body: body, key: key))) }
        if let event { headers.append(("X-SENDOWL-EVENT", event)) }
        return InboundRequest(method: "POST", headers: headers, body: body, receivedAt: receivedAt)
    }
}
