import AccessStore
import Foundation
import Hummingbird

/// A request to the admin API with the key that authenticated it, and the readers of its
/// path, query and body that turn bad input into ``SupportError`` invalid (422, with the field).
struct AdminRequest: Sendable {
    var request: Request
    let context: BasicRequestContext
    /// The key that sent it; `nil` only on routes that need none.
    let key: APIKey?

    /// Who acts, as facts record it: the API key's name.
    var actor: String { key.map { "api:\($0.name)" } ?? "api" }

    /// A path parameter (`{course}`).
    func parameter(_ name: String) -> String {
        context.parameters.get(name) ?? ""
    }

    /// The customer of `{id}`; an id that is not a number names no customer (404).
    func customerID() throws -> Int64 {
        try id("id", naming: "customer")
    }

    /// A numeric path parameter; 404 when it is not a number, as no such thing exists.
    func id(_ name: String, naming thing: String) throws -> Int64 {
        let text = parameter(name)
        guard let id = Int64(text) else { throw SupportError(.notFound, "no \(thing) \(text)") }
        return id
    }

    /// A query parameter, `nil` when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters[name[...]], !value.isEmpty else { return nil }
        return String(value)
    }

    /// `limit=` between 1 and `maximum`, or `fallback` when absent.
    func limit(default fallback: Int = 50, maximum: Int = 500) throws -> Int {
        guard let text = query("limit") else { return fallback }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw SupportError(.invalid, "limit must be a whole number from 1 to \(maximum)", field: "limit")
        }
        return limit
    }

    /// A `true`/`false` query flag (`1`/`0` too); absent is `false`.
    func flag(_ name: String) throws -> Bool {
        switch query(name)?.lowercased() {
        case nil, "false", "0": return false
        case "true", "1": return true
        case let other?: throw SupportError(.invalid, "\(name) must be true or false, not \(other)", field: name)
        }
    }

    /// The body as bytes, at most `limit`.
    mutating func bytes(upTo limit: Int) async throws -> [UInt8] {
        do {
            return Array(try await request.collectBody(upTo: limit).readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw GatewayError.bodyTooLarge(limit: limit)
        }
    }

    /// The JSON body decoded; an empty body decodes as `{}`.
    mutating func body<Body: Decodable>(_ type: Body.Type, upTo limit: Int = AdminJSON.maxBody) async throws -> Body {
        var bytes = try await bytes(upTo: limit)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { bytes = Array("{}".utf8) }
        return try AdminJSON.decode(type, from: bytes)
    }
}
