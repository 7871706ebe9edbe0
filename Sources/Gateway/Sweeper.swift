import AccessStore
import Foundation
import Logging
import ServiceLifecycle

/// Ends access on time: every interval it asks the store to recompute the customers whose
/// access reached its end, which writes `expired` access events.
///
/// It sweeps once at start-up, so access that ended while the gateway was down is expired
/// before the first interval passes.
public struct Sweeper: Service {
    private let store: any AccessStore
    private let mapping: @Sendable () -> MappingVersion
    private let interval: Duration
    private let answers: AccessAnswerCache?
    private let outbox: OutboxWorker?
    private let logger: Logger

    /// A sweeper over `store` under `mapping`, every `interval`, forgetting cached access
    /// answers of the customers it expired.
    public init(store: any AccessStore, mapping: MappingVersion, interval: Duration,
                answers: AccessAnswerCache? = nil, outbox: OutboxWorker? = nil, logger: Logger) {
        self.init(store: store, mapping: { mapping }, interval: interval, answers: answers, outbox: outbox, logger: logger)
    }

    /// A sweeper expiring access under whatever mapping `mapping` gives at each sweep (the live one).
    public init(store: any AccessStore, mapping: @escaping @Sendable () -> MappingVersion, interval: Duration,
                answers: AccessAnswerCache? = nil, outbox: OutboxWorker? = nil, logger: Logger) {
        self.outbox = outbox
        self.store = store
        self.mapping = mapping
        self.interval = interval
        self.answers = answers
        self.logger = logger
    }

    /// Sweeps until graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await sweep(now: Date())
                await pruneHub(now: Date())
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One sweep at `now`; returns the access events it wrote. Errors are logged, not
    /// thrown: the next sweep tries again.
    /// Deletes hub links and sessions that expired (they can no longer be used; keeping them
    /// would only grow the file).
    func pruneHub(now: Date) async {
        guard let hub = store as? any HubTokens else { return }
        do {
            let removed = try await hub.pruneHub(now: now)
            if removed > 0 { logger.debug("expired hub links and sessions removed", metadata: ["rows": "\(removed)"]) }
        } catch {
            logger.error("pruning expired hub links failed", metadata: ["error": "\(error)"])
        }
    }

    @discardableResult
    public func sweep(now: Date) async -> [AccessEvent] {
        do {
            let events = try await store.sweep(under: mapping(), now: now)
            answers?.invalidate(events.map(\.customerID))
            if !events.isEmpty {
                await outbox?.wake()
                logger.info("access expired", metadata: ["events": "\(events.count)"])
                for event in events {
                    logger.debug("access event", metadata: [
                        "customer": "\(event.customerID)", "course": "\(event.course)", "kind": "\(event.kind.rawValue)",
                    ])
                }
            }
            return events
        } catch {
            logger.error("sweep failed", metadata: ["error": "\(error)"])
            return []
        }
    }
}
