import Foundation
import Hummingbird

/// The fields of a posted HTML form (`application/x-www-form-urlencoded`), each name with
/// every value it was sent with (checkbox groups repeat a name).
public struct FormFields: Sendable {
    private var values: [String: [String]]

    public init(_ body: String) {
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            values[name, default: []].append(parts.count > 1 ? Self.decode(parts[1]) : "")
        }
        self.values = values
    }

    /// Reads the form of `request`, at most `limit` bytes.
    public static func read(_ request: Request, limit: Int = 1 << 20) async throws -> FormFields {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return FormFields(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// The first value of `name`, trimmed; `nil` when absent or blank.
    public subscript(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The first value of `name` as sent (not trimmed), for text areas.
    public func raw(_ name: String) -> String? { values[name]?.first }

    /// Every non-empty value of `name`, in the order sent.
    public func all(_ name: String) -> [String] {
        (values[name] ?? []).filter { !$0.isEmpty }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
