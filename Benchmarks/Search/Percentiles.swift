/// Timings of one kind of query, summarised.
struct Percentiles {
    let label: String
    /// Milliseconds, one per query run.
    let samples: [Double]
    /// Rows the first run returned (to show the query found something).
    let rows: Int

    func value(_ fraction: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    var line: String {
        "| \(label) | \(samples.count) | \(rows) | \(format(value(0.5))) | \(format(value(0.99))) | \(format(samples.max() ?? 0)) |"
    }

    private func format(_ milliseconds: Double) -> String {
        let hundredths = Int((milliseconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
