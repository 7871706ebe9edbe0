import Foundation
import Hummingbird

/// The admin API's JSON: snake_case keys, ISO 8601 dates, and decoding errors turned into
/// ``SupportError`` invalid naming the field (`email`, `products[0].instance`).
enum AdminJSON {
    /// The largest JSON body accepted.
    static let maxBody = 1 << 20

    /// A response of `value` as JSON.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        do {
            return try decoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw invalid(error)
        } catch let error as SupportError {
            throw error
        } catch {
            throw SupportError(.invalid, "the body is not JSON", field: "body")
        }
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // Only Codable types are converted, never dictionaries: course ids are kept as they are.
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text) is not an ISO 8601 date (2026-05-01 or 2026-05-01T12:00:00Z)")
            }
            return date
        }
        return decoder
    }

    /// An ISO 8601 date-time in UTC, with milliseconds only when there are some.
    static func format(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        return whole ? date.formatted(.iso8601) : date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `2026-05-01T12:00:00Z`, with fractional seconds or an offset, or a day (`2026-05-01`, midnight UTC).
    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) { return date }
        return nil
    }

    private static func invalid(_ error: DecodingError) -> SupportError {
        func field(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let name = field(context.codingPath + [key])
            return SupportError(.invalid, "\(name) is required", field: name)
        case .typeMismatch(let type, let context):
            let name = field(context.codingPath)
            return SupportError(.invalid, "\(name) must be \(describe(type))", field: name)
        case .valueNotFound(let type, let context):
            let name = field(context.codingPath)
            return SupportError(.invalid, "\(name) must be \(describe(type)), not null", field: name)
        case .dataCorrupted(let context):
            let name = field(context.codingPath)
            if context.codingPath.isEmpty { return SupportError(.invalid, "the body is not JSON", field: "body") }
            return SupportError(.invalid, "\(name): \(context.debugDescription)", field: name)
        @unknown default:
            return SupportError(.invalid, "the body cannot be read", field: "body")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is Date.Type: "an ISO 8601 date"
        default: type is any Collection.Type ? "a list" : "an object"
        }
    }
}
