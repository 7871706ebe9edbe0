import Foundation
import Synchronization

/// How often the hub sends links: per customer (counted in the store, so a restart forgets
/// nothing) and per client address (counted in memory, a sliding window).
///
/// Over the email limit the page answers as always but no mail goes out (a log line says
/// so), so the answer still tells nothing about the address; over the address limit the
/// hub answers 429 with a page asking to wait.
public struct HubRateLimits: Sendable {
    /// Links per customer per ``emailWindow``.
    public var perEmail: Int
    public var emailWindow: TimeInterval
    /// Link requests per client address per ``addressWindow``, known email or not.
    public var perAddress: Int
    public var addressWindow: TimeInterval

    public init(perEmail: Int = 3, emailWindow: TimeInterval = 3600, perAddress: Int = 10, addressWindow: TimeInterval = 600) {
        self.perEmail = perEmail
        self.emailWindow = emailWindow
        self.perAddress = perAddress
        self.addressWindow = addressWindow
    }
}

/// The per-address half of ``HubRateLimits``: the times of recent requests by address.
final class HubAddressCounter: Sendable {
    private let requests = Mutex<[String: [Date]]>([:])

    /// Counts a request from `address` at `now`; `false` when it is over `limit` in `window`.
    func allow(_ address: String, limit: Int, window: TimeInterval, now: Date) -> Bool {
        requests.withLock { all in
            let start = now.addingTimeInterval(-window)
            if all.count > 10_000 { all = all.filter { $0.value.contains { $0 > start } } }
            var recent = (all[address] ?? []).filter { $0 > start }
            guard recent.count < limit else {
                all[address] = recent
                return false
            }
            recent.append(now)
            all[address] = recent
            return true
        }
    }
}
