import Foundation

/// How the admin pages write dates, changes and queries, and read dates from forms.
enum AdminFormat {
    /// `2024-03-05` (UTC).
    static func day(_ date: Date?) -> String {
        guard let date else { return "" }
        return date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    /// `2024-03-05 14:22 UTC`.
    static func time(_ date: Date?) -> String {
        guard let date else { return "" }
        let style = Date.ISO8601FormatStyle().year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false)
        return String(date.formatted(style).prefix(16)) + " UTC"
    }

    /// A date from a form's `YYYY-MM-DD` (end of that day, UTC) or ISO 8601 field; `nil` when blank.
    static func date(_ text: String?, field: String) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let day = try? Date(text + "T23:59:59Z", strategy: .iso8601) { return day }
        throw SupportError(.invalid, "\(text) is not a date (YYYY-MM-DD)", field: field)
    }

    /// "web-basics: none → active, …", or "nothing changed".
    static func changes(_ changes: [AccessChange]) -> String {
        guard !changes.isEmpty else { return "no access changed" }
        return changes.map { "\($0.course) \($0.before) → \($0.after)" }.joined(separator: ", ")
    }

    /// A URL query from `fields`, empty values left out.
    static func query(_ fields: [String: String]) -> String {
        var components = URLComponents()
        components.queryItems = fields.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty }
            .map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.percentEncodedQuery ?? ""
    }
}
