import AdapterKit
import Foundation

/// Stripe's own reason for refusing a call, read from its error body
/// (`{"error": {"code", "doc_url", "message", …, "type"}}`) into the ``ProviderAPIError``'s message.
///
/// ``ProviderHTTP`` keeps the first 300 characters of a refused answer's body in the
/// message, which cuts Stripe's pretty-printed error short; so `message` and `code` are
/// read from the text as JSON strings rather than parsing the whole (cut) body. The
/// message then reads `… answered 400: Charge ch_… has already been refunded.
/// (charge_already_refunded)`. A body without Stripe's message leaves it as it was.
enum StripeErrorReason {
    static func reworded(_ error: ProviderAPIError) -> ProviderAPIError {
        guard let start = error.message.range(of: ": {") else { return error }
        let body = String(error.message[start.upperBound...])
        guard let message = field("message", in: body), !message.isEmpty else { return error }
        let code = field("code", in: body) ?? field("type", in: body)
        var copy = error
        copy.message = String(error.message[..<start.lowerBound]) + ": " + message + (code.map { " (\($0))" } ?? "")
        return copy
    }

    /// The string value of the first `"name": "…"` in `text`, unescaped.
    private static func field(_ name: String, in text: String) -> String? {
        let pattern = "\"\(name)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\")"
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text[range].utf8), options: .fragmentsAllowed)) as? String
    }
}
