import Foundation

/// Times written the ways ThriveCart writes them: `2020-07-24 05:17:34`,
/// `2020-07-24T05:17:34+00:00` and unix seconds.
enum ThriveCartTimeText {
    static func plain(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    static func iso8601(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+00:00", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    static func unix(_ date: Date) -> String { String(Int64(date.timeIntervalSince1970.rounded(.down))) }

    private static func components(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
