import AccessKernel
import AccessStore
import Foundation
import Logging
import Outbound
import ServiceLifecycle

/// Delivers the outbox: a service beside the HTTP server that sends every due delivery
/// (sink events, mail) through the libcurl client, several at once, and records how each
/// attempt ended.
///
/// Failures wait per the ``RetryPolicy`` (exponential, with jitter, never sooner than a
/// `Retry-After`), and a delivery is dead after the last attempt. Nothing is lost to a crash:
/// an attempt is counted only when it ends, so one in flight during `kill -9` is simply sent
/// again after the restart, with the same message id, which receivers dedupe by.
public actor OutboxWorker: Service {
    private let store: any AccessStore
    private let client: CurlClient
    private let channels: OutboxChannels
    private let courses: @Sendable () -> [String: Course]
    private let pollInterval: Duration
    private let logger: Logger
    private var inFlight = Set<Int64>()
    private var wakeUp: CheckedContinuation<Void, Never>?
    private var woken = false

    /// - Parameters:
    ///   - courses: the mapping's courses, for welcome mail titles, login URLs and templates.
    ///   - pollInterval: how often the outbox is looked at when nothing woke the worker (rows
    ///     written by the CLI, or by another process).
    public init(store: any AccessStore, client: CurlClient, channels: OutboxChannels,
                courses: @escaping @Sendable () -> [String: Course],
                pollInterval: Duration = .seconds(1), logger: Logger) {
        self.store = store
        self.client = client
        self.channels = channels
        self.courses = courses
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Looks at the outbox now instead of at the next poll (called after a commit).
    public func wake() {
        woken = true
        wakeUp?.resume()
        wakeUp = nil
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.deliverUntilCancelled()
        }
    }

    private func deliverUntilCancelled() async {
        await withTaskGroup(of: Int64.self) { group in
            var running = 0
            while !Task.isCancelled {
                let room = channels.concurrency - running
                var due: [OutboxDelivery] = []
                if room > 0 {
                    do {
                        due = try await store.dueDeliveries(now: Date(), limit: room, excluding: inFlight)
                    } catch {
                        logger.error("outbox: cannot read due deliveries", metadata: ["error": "\(error)"])
                    }
                }
                for delivery in due {
                    inFlight.insert(delivery.id)
                    running += 1
                    group.addTask { await self.attempt(delivery); return delivery.id }
                }
                if running > 0, due.isEmpty || running == channels.concurrency {
                    // Wait for one delivery to end before looking for more.
                    if let done = await group.next() {
                        inFlight.remove(done)
                        running -= 1
                    }
                    continue
                }
                if due.isEmpty { await sleep() }
            }
            group.cancelAll()
        }
    }

    /// Sleeps until woken, the next retry is due, or the poll interval passes.
    private func sleep() async {
        if woken { woken = false; return }
        var wait = pollInterval
        if let next = try? await store.nextDeliveryTime() {
            let until = Duration.milliseconds(max(0, Int64(next.timeIntervalSinceNow * 1000)))
            wait = min(wait, until)
        }
        guard wait > .zero else { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: wait)
            await self?.wake()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if woken || Task.isCancelled {
                    continuation.resume()
                } else {
                    wakeUp = continuation
                }
            }
        } onCancel: {
            Task { await self.wake() }
        }
        timer.cancel()
        woken = false
    }

    /// One attempt of one delivery, and its outcome recorded.
    private func attempt(_ delivery: OutboxDelivery) async {
        let number = delivery.attempts + 1
        let outcome: AttemptOutcome
        switch delivery.target {
        case .sink(let name):
            outcome = await SinkDelivery(sink: channels.sinks[name], client: client).attempt(delivery)
        case .mail:
            outcome = await MailDelivery(mail: channels.mail, courses: courses(), client: client).attempt(delivery)
        }
        let now = Date()
        let result: OutboxAttemptResult
        var metadata: Logger.Metadata = [
            "delivery": "\(delivery.id)", "topic": "\(delivery.topic)", "target": "\(delivery.target)", "attempt": "\(number)",
        ]
        switch outcome {
        case .delivered:
            result = .delivered
            logger.info("outbox: delivered", metadata: metadata)
        case .retry(let error, let retryAfter):
            metadata["error"] = "\(error)"
            if let wait = channels.retryPolicy.delay(afterAttempt: number, retryAfter: retryAfter) {
                let next = now.addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
                result = .retry(error: error, nextAttemptAt: next)
                metadata["retry_in"] = "\(wait)"
                logger.warning("outbox: attempt failed, will retry", metadata: metadata)
            } else {
                result = .dead(error: error)
                logger.error("outbox: delivery is dead after its last attempt (coursegate outbox retry)", metadata: metadata)
            }
        case .dead(let error):
            metadata["error"] = "\(error)"
            result = .dead(error: error)
            logger.error("outbox: delivery refused for good (coursegate outbox redeliver after fixing it)", metadata: metadata)
        case .sinkGone(let name, let reason):
            metadata["error"] = "\(reason)"
            do {
                try await store.disableSink(name, reason: reason, now: now)
            } catch {
                logger.error("outbox: cannot disable sink", metadata: ["sink": "\(name)", "error": "\(error)"])
            }
            logger.error("outbox: sink \(name) answered 410 Gone and is disabled; its deliveries wait until `coursegate outbox enable \(name)`",
                         metadata: metadata)
            // Not counted as an attempt: the delivery goes when the sink is enabled again.
            return
        }
        do {
            try await store.finishAttempt(delivery.id, result: result, now: now)
        } catch {
            // The attempt is not counted; the delivery goes again, and the receiver dedupes it.
            logger.error("outbox: cannot record an attempt", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
        }
    }
}

/// How one attempt ended, before the retry policy has its say.
enum AttemptOutcome: Sendable {
    case delivered
    case retry(String, retryAfter: Duration?)
    case dead(String)
    case sinkGone(String, reason: String)
}
