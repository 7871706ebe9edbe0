import AdapterKit
import Foundation

/// The times ThriveCart writes: unix seconds (`1595567854`), `2020-07-24 05:17:34`
/// (taken as UTC) and ISO 8601 (`2020-07-24T05:17:34+00:00`).
enum ThriveCartDate {
    /// The moment a text names, or `nil` when it is not one of the forms above.
    static func parse(_ text: String) -> Date? {
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard text.utf8.count <= 12, let seconds = Int64(text) else { return nil }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return CalendarTimestamp.parse(text, allowingDateOnly: false)
    }
}
