import Foundation

/// Reads a `Retry-After` header value: a number of seconds, or an HTTP-date.
public enum RetryAfter {
    /// The wait `value` asks for, measured from `now`; a date in the past is no wait, and a value
    /// that is neither form is `nil`.
    public static func parse(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            // A number too long for Int64 is a very long wait; the retry policy caps it.
            return .seconds(Int64(text) ?? Int64.max)
        }
        for format in httpDateFormats {
            if let date = formatter(format).date(from: text) {
                return .seconds(max(0, Int64(date.timeIntervalSince(now).rounded(.up))))
            }
        }
        return nil
    }

    /// IMF-fixdate, then the obsolete RFC 850 and asctime forms HTTP still allows.
    private static let httpDateFormats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]

    /// A formatter per call: `DateFormatter` is not `Sendable`, and this runs once per failed delivery.
    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = format
        return formatter
    }
}
