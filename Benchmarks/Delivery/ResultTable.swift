import Foundation

/// The results as a Markdown table, ready to paste into `Benchmarks/README.md`.
enum ResultTable {
    static let header = """
        | mode | workers | deliveries | seconds | deliveries/s | p50 ms | p99 ms | connections |
        |---|---:|---:|---:|---:|---:|---:|---:|
        """

    /// The row for one run.
    static func row(_ result: DeliveryResult) -> String {
        let cells = [
            result.mode.benchName, "\(result.workers)", grouped(result.deliveries),
            String(format: "%.2f", result.seconds), grouped(Int(result.perSecond.rounded())),
            String(format: "%.3f", result.latencyMilliseconds(at: 0.5)),
            String(format: "%.3f", result.latencyMilliseconds(at: 0.99)), grouped(result.connections),
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    /// `12345` written `12,345`, whatever the locale.
    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
