import Outbound

/// The figures of one ``DeliveryRun``: how many deliveries, over how long, and their latencies.
struct DeliveryResult {
    let mode: CurlHandleMode
    let workers: Int
    /// From the start of the run until its last worker finished its last delivery.
    let elapsed: Duration
    /// The connections the site accepted during the run: one per worker when handles are reused.
    let connections: Int
    /// One per delivery answered 200, in no particular order.
    let latencies: [Duration]
    /// Deliveries that failed or were answered anything but 200.
    let failures: Int
    /// The first of those failures, to say why.
    let firstError: String?

    var deliveries: Int { latencies.count }
    var seconds: Double { elapsed.milliseconds / 1000 }
    var perSecond: Double { Double(deliveries) / seconds }

    /// The latency at `fraction` (0.5 for the median), nearest rank, in milliseconds.
    func latencyMilliseconds(at fraction: Double) -> Double {
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1].milliseconds
    }
}

extension CurlHandleMode {
    /// How the table names the mode.
    var benchName: String {
        switch self {
        case .reused: "reused handle per worker"
        case .newPerRequest: "new handle per request"
        }
    }
}

extension Duration {
    /// The duration in milliseconds, fractions included.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
