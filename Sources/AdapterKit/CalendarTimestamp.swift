import Foundation

/// Reads the calendar timestamps providers write, without a `DateFormatter` per call:
/// `YYYY-MM-DD[T| ]HH:MM:SS[.fff][ ][Z|UTC|±HH:MM|±HHMM]` (no zone is UTC) and, when
/// allowed, a plain date `YYYY-MM-DD` (midnight UTC).
public enum CalendarTimestamp {
    /// The moment `text` names, or `nil` when it is none of the forms above.
    public static func parse(_ text: String, allowingDateOnly: Bool) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10,
              let year = number(bytes, 0, 4), bytes[4] == UInt8(ascii: "-"),
              let month = number(bytes, 5, 2), bytes[7] == UInt8(ascii: "-"),
              let day = number(bytes, 8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
        guard bytes.count > 10 else { return allowingDateOnly ? Date(timeIntervalSince1970: TimeInterval(seconds)) : nil }
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              let hour = number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
              let minute = number(bytes, 14, 2), bytes[16] == UInt8(ascii: ":"),
              let second = number(bytes, 17, 2), hour < 24, minute < 60, second < 61
        else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") { rest = rest.dropFirst().drop(while: isDigit) }
        while rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            let zone = Array(rest.dropFirst())
            let digits = zone.filter { $0 != UInt8(ascii: ":") }
            guard zone.count == 4 || (zone.count == 5 && zone[2] == UInt8(ascii: ":")), digits.count == 4,
                  let hours = number(digits, 0, 2), let minutes = number(digits, 2, 2) else { return nil }
            seconds -= (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else if !(rest.isEmpty || Array(rest) == Array("Z".utf8) || Array(rest) == Array("UTC".utf8)) {
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
