import AdapterKit
import Foundation

/// Inbound requests as ThriveCart makes them: `POST`, a form or JSON body, no signature.
public enum ThriveCartRequest {
    /// The request delivering `payload` in `encoding`.
    public static func make(_ payload: PayloadValue, encoding: BodyEncoding = .form,
                            receivedAt: Date = Date(timeIntervalSince1970: 1_720_000_000)) -> InboundRequest {
        make(body: encoding.encode(payload), encoding: encoding, receivedAt: receivedAt)
    }

    /// The request delivering a recorded body.
    public static func make(body: [UInt8], encoding: BodyEncoding,
                            receivedAt: Date = Date(timeIntervalSince1970: 1_720_000_000)) -> InboundRequest {
        InboundRequest(method: "POST",
                       headers: [("Content-Type", encoding.contentType), ("User-Agent", "ThriveCart Webhooks")],
                       body: body, receivedAt: receivedAt)
    }

    /// A recorded body re-sent as if the account's secret word were `secret`: every
    /// occurrence of `recordedSecret` in the body is replaced (escaped for the encoding).
    /// ThriveCart has no signature, so this is how a conformance run tries wrong secrets.
    public static func make(body: [UInt8], encoding: BodyEncoding, secret: String, recordedSecret: String,
                            receivedAt: Date = Date(timeIntervalSince1970: 1_720_000_000)) -> InboundRequest {
        guard secret != recordedSecret, !recordedSecret.isEmpty else {
            return make(body: body, encoding: encoding, receivedAt: receivedAt)
        }
        let written: String = switch encoding {
        case .form: FormEncoding.escape(secret)
        case .json: String(decoding: JSONEncoding.encode(.text(secret)).dropFirst().dropLast(), as: UTF8.self)
        }
        return make(body: replacing(Array(recordedSecret.utf8), with: Array(written.utf8), in: body),
                    encoding: encoding, receivedAt: receivedAt)
    }

    private static func replacing(_ needle: [UInt8], with replacement: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(haystack.count)
        var index = 0
        while index < haystack.count {
            if index + needle.count <= haystack.count, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                out += replacement
                index += needle.count
            } else {
                out.append(haystack[index])
                index += 1
            }
        }
        return out
    }
}
