import AccessStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Writes what each webhook request came to into the store's ``InboundLog``, off the
/// request path: the endpoint notes an entry (no waiting), and this service writes the
/// noted entries every ``interval`` or as soon as ``batchSize`` are waiting.
///
/// The log is for operations, not durability: entries noted just before a crash may be
/// lost, and when the store cannot keep up, the oldest waiting entries are dropped (and
/// counted in the gateway's log) rather than growing without bound.
public final class InboundJournal: Service {
    private struct State {
        var pending: [InboundDelivery] = []
        var dropped = 0
    }

    private let log: any InboundLog
    private let logger: Logger
    /// How long a noted entry may wait to be written.
    public let interval: Duration
    /// How many waiting entries make the service write at once.
    public let batchSize: Int
    /// The most entries kept waiting; past it the oldest are dropped.
    public let capacity: Int
    private let state = Mutex(State())
    private let ticks: AsyncStream<Void>
    private let tick: AsyncStream<Void>.Continuation

    public init(log: any InboundLog, interval: Duration = .milliseconds(200), batchSize: Int = 256,
                capacity: Int = 10_000, logger: Logger) {
        self.log = log
        self.interval = interval
        self.batchSize = batchSize
        self.capacity = capacity
        self.logger = logger
        (ticks, tick) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Notes one request's outcome; returns at once.
    public func note(_ entry: InboundDelivery) {
        let full = state.withLock { state -> Bool in
            if state.pending.count >= capacity {
                state.pending.removeFirst()
                state.dropped += 1
            }
            state.pending.append(entry)
            return state.pending.count >= batchSize
        }
        if full { tick.yield() }
    }

    /// Writes every waiting entry now; errors are logged and the entries dropped (the log is
    /// best effort, and retrying a store that refuses would only pile them up).
    public func flush() async {
        let (entries, dropped) = state.withLock { state in
            defer { state.pending.removeAll(keepingCapacity: true); state.dropped = 0 }
            return (state.pending, state.dropped)
        }
        if dropped > 0 {
            logger.warning("inbound log: dropped entries the store could not take in time", metadata: ["dropped": "\(dropped)"])
        }
        guard !entries.isEmpty else { return }
        do {
            try await log.logInbound(entries)
        } catch {
            logger.error("inbound log: write failed", metadata: ["entries": "\(entries.count)", "error": "\(error)"])
        }
    }

    /// Writes every ``interval`` (or when a batch is full) until graceful shutdown, then
    /// writes what is left.
    public func run() async throws {
        let tick = self.tick
        let interval = self.interval
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        tick.yield()
                    }
                }
                for await _ in ticks { await flush() }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            tick.finish()
        }
        await flush()
    }
}
