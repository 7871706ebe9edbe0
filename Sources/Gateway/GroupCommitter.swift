import AccessKernel
import AccessStore
import Foundation
import Logging
import ServiceLifecycle

/// Commits concurrent webhook deliveries in groups: one transaction (one fsync) for all
/// the deliveries that arrived while the previous commit was running.
///
/// Each caller of ``record(_:)`` waits until the transaction holding its facts has
/// committed and gets its own outcome, so a 2xx still means "durable"; only the number of
/// fsyncs goes down. It runs as a ``Service``: on graceful shutdown it commits what is
/// queued and then stops, and the HTTP server (shut down first) sends it nothing more.
public actor GroupCommitter: Service {
    private struct Delivery {
        var facts: [Fact]
        var continuation: CheckedContinuation<RecordOutcome, any Error>
    }

    private let store: any AccessStore
    /// The mapping each commit records under: read once per commit, so a reload applies from the next one.
    private let mapping: @Sendable () -> MappingVersion
    private let maxBatch: Int
    private let answers: AccessAnswerCache?
    private let outbox: OutboxWorker?
    private let logger: Logger
    private var queue: [Delivery] = []
    private var wakeUp: CheckedContinuation<Void, Never>?
    private var isClosed = false

    /// Transactions committed so far (a group counts once).
    public private(set) var transactions = 0
    /// Deliveries committed so far.
    public private(set) var deliveries = 0
    /// The most deliveries one transaction has held.
    public private(set) var largestGroup = 0
    /// Whether a transaction is running now.
    public private(set) var isCommitting = false

    /// A committer recording into `store` under `mapping`, at most `maxBatch` deliveries per
    /// transaction, forgetting cached access answers of the customers each commit touched.
    public init(store: any AccessStore, mapping: MappingVersion, maxBatch: Int = 512,
                answers: AccessAnswerCache? = nil, outbox: OutboxWorker? = nil, logger: Logger) {
        self.init(store: store, mapping: { mapping }, maxBatch: maxBatch, answers: answers, outbox: outbox, logger: logger)
    }

    /// A committer recording under whatever mapping `mapping` gives at each commit (the live one).
    public init(store: any AccessStore, mapping: @escaping @Sendable () -> MappingVersion, maxBatch: Int = 512,
                answers: AccessAnswerCache? = nil, outbox: OutboxWorker? = nil, logger: Logger) {
        self.store = store
        self.outbox = outbox
        self.mapping = mapping
        self.maxBatch = max(1, maxBatch)
        self.answers = answers
        self.logger = logger
    }

    /// Records one delivery's facts; returns once they are durably committed.
    ///
    /// - Throws: ``GatewayError/shuttingDown`` after shutdown began, or the store's error.
    public func record(_ facts: [Fact]) async throws -> RecordOutcome {
        guard !isClosed else { throw GatewayError.shuttingDown }
        return try await withCheckedThrowingContinuation { continuation in
            queue.append(Delivery(facts: facts, continuation: continuation))
            wakeUp?.resume()
            wakeUp = nil
        }
    }

    /// Commits queued deliveries until shutdown (graceful or by cancellation).
    public func run() async throws {
        await withTaskCancellationOrGracefulShutdownHandler {
            await self.commitLoop()
        } onCancelOrGracefulShutdown: {
            Task { await self.close() }
        }
    }

    private func commitLoop() async {
        while true {
            if queue.isEmpty {
                if isClosed { return }
                await withCheckedContinuation { wakeUp = $0 }
                continue
            }
            let count = min(queue.count, maxBatch)
            let batch = Array(queue.prefix(count))
            queue.removeFirst(count)
            isCommitting = true
            await commit(batch)
            isCommitting = false
        }
    }

    private func commit(_ batch: [Delivery]) async {
        let now = Date()
        let started = ContinuousClock.now
        let version = mapping()
        do {
            let outcomes = try await store.record(groups: batch.map(\.facts), under: version, now: now)
            answers?.invalidate(outcomes.reduce(into: Set<Int64>()) { $0.formUnion($1.touchedCustomers) })
            if outcomes.contains(where: { !$0.events.isEmpty || !$0.newCustomers.isEmpty }) { await outbox?.wake() }
            count(batch.count, transactions: 1)
            logger.trace("group committed", metadata: [
                "deliveries": "\(batch.count)", "duration": "\(ContinuousClock.now - started)",
            ])
            for (index, delivery) in batch.enumerated() {
                if index < outcomes.count {
                    delivery.continuation.resume(returning: outcomes[index])
                } else {
                    delivery.continuation.resume(throwing: GroupCommitError.missingOutcome(groups: batch.count, outcomes: outcomes.count))
                }
            }
        } catch where batch.count > 1 {
            // One bad delivery must not fail the others: commit each on its own.
            logger.warning("group commit failed; committing its deliveries one by one",
                           metadata: ["deliveries": "\(batch.count)", "error": "\(error)"])
            for delivery in batch {
                do {
                    let outcome = try await store.record(delivery.facts, under: version, now: now)
                    answers?.invalidate(outcome.touchedCustomers)
                    await outbox?.wake()
                    count(1, transactions: 1)
                    delivery.continuation.resume(returning: outcome)
                } catch {
                    delivery.continuation.resume(throwing: error)
                }
            }
        } catch {
            batch.first?.continuation.resume(throwing: error)
        }
    }

    private func count(_ deliveries: Int, transactions: Int) {
        self.deliveries += deliveries
        self.transactions += transactions
        largestGroup = max(largestGroup, deliveries)
    }

    private func close() {
        isClosed = true
        wakeUp?.resume()
        wakeUp = nil
    }
}

/// A store answered a group commit with fewer outcomes than deliveries (a store bug); the
/// deliveries without one are answered 500 rather than left waiting.
struct GroupCommitError: Error, CustomStringConvertible {
    static func missingOutcome(groups: Int, outcomes: Int) -> GroupCommitError {
        GroupCommitError(description: "the store returned \(outcomes) outcomes for \(groups) deliveries")
    }

    var description: String
}
