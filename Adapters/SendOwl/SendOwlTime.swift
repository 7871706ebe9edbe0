import AdapterKit
import Foundation

/// The times SendOwl writes: ISO 8601 in UTC (`2016-01-05T10:59:24Z`), with an offset
/// (`+01:00`) or fractional seconds, and plain dates (`2024-05-01`, taken as midnight UTC).
enum SendOwlTime {
    /// The moment a text names, or `nil` when it is none of the forms above.
    static func parse(_ text: String) -> Date? {
        CalendarTimestamp.parse(text, allowingDateOnly: true)
    }
}
