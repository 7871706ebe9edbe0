/// When to try a delivery again, and when to give up: a schedule of waits, jitter, and a
/// number of attempts after which the delivery is dead.
///
/// The default follows PROVIDERS.md: the first attempt now, then after 5 s, 5 min, 30 min,
/// 2 h, 5 h, 10 h, 14 h, 20 h and 24 h, each wait moved by up to ±10 % so that deliveries
/// failed together do not come back together.
public struct RetryPolicy: Sendable {
    /// How many attempts in all, the first one included.
    public var maxAttempts: Int
    /// The wait after attempt 1, 2, …; attempts past the end wait as long as the last entry.
    public var schedule: [Duration]
    /// How far a wait may move either way, as a fraction of it (0.1 is ±10 %).
    public var jitter: Double
    /// The longest a `Retry-After` is honoured for; a longer one waits this long.
    public var maxRetryAfter: Duration
    /// Where the jitter comes from.
    public var random: JitterSource

    /// The schedule of PROVIDERS.md with ten attempts, ±10 % jitter and `Retry-After` capped at 24 h.
    public init(maxAttempts: Int = 10, schedule: [Duration] = RetryPolicy.standardSchedule, jitter: Double = 0.1,
                maxRetryAfter: Duration = .seconds(24 * 3600), random: JitterSource = .system) {
        self.maxAttempts = maxAttempts
        self.schedule = schedule
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
        self.random = random
    }

    /// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    public static let standardSchedule: [Duration] = [
        .seconds(5), .seconds(5 * 60), .seconds(30 * 60), .seconds(2 * 3600), .seconds(5 * 3600),
        .seconds(10 * 3600), .seconds(14 * 3600), .seconds(20 * 3600), .seconds(24 * 3600),
    ]

    /// How long to wait after attempt `attempt` (1 for the first) failed, or `nil` when that was
    /// the last attempt allowed and the delivery is dead.
    ///
    /// A `retryAfter` from the receiver is honoured up to ``maxRetryAfter``: the wait is never
    /// shorter than it.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration? {
        guard attempt >= 1, attempt < maxAttempts, !schedule.isEmpty else { return nil }
        let base = schedule[min(attempt - 1, schedule.count - 1)]
        let factor = 1 + jitter * (2 * random.unit() - 1)
        // Whole milliseconds, so a pinned jitter source gives exact, comparable waits.
        let baseMilliseconds = Double(base.components.seconds) * 1000 + Double(base.components.attoseconds) / 1e15
        let jittered = Duration.milliseconds(Int64(max(0, baseMilliseconds * factor).rounded()))
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, maxRetryAfter))
    }
}
