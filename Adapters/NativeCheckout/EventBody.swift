import AdapterKit
import Foundation

/// Reads a Stripe event body into a ``StripeObject``: UTF-8 JSON with an object at the
/// top, not nested absurdly deep.
///
/// Foundation would also guess UTF-16 and UTF-32 and recurse as deep as a body asks, so
/// the bytes are checked before `JSONSerialization` sees them. (`JSONDecoder` into
/// ``JSONValue`` would need no bridging but tries each type in turn, throwing on every
/// miss: ten times slower on a 4 KB event.)
enum EventBody {
    /// Deepest array/object nesting accepted; an event with expanded line items and
    /// prices nests about eight levels.
    static let maximumDepth = 64

    static func parse(_ body: [UInt8]) throws(AdapterError) -> StripeObject {
        guard body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "{") else {
            throw AdapterError(.malformed, body.isEmpty ? "body is empty" : "body is not a JSON object in UTF-8")
        }
        let members = try JSONBody.object(body, maximumDepth: maximumDepth)
        guard case .object(let object) = JSONValue(foundation: members) else {
            throw AdapterError(.malformed, "JSON body is not an object")
        }
        return StripeObject(members: object, path: "")
    }
}
