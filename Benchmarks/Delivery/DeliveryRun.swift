import Foundation
import Mocks
import Outbound

/// One measured run: `workers` tasks each delivering signed `access.granted` events to the
/// site one after the other, through one client in `mode`, until `duration` has passed.
///
/// A delivery is what the outbox will do per event: encode the body, sign it with a fresh
/// timestamp, send it, and see a 200. Every event has its own `webhook-id` (`label`, worker
/// and sequence number), so none is deduplicated away by the site.
struct DeliveryRun {
    let mode: CurlHandleMode
    let workers: Int
    let duration: Duration
    /// What the run's webhook ids start with; distinct per run.
    let label: String

    /// Runs against `site` and returns what was measured.
    func measure(site: MockCourseSite, signer: WebhookSigner) async -> DeliveryResult {
        let client = CurlClient(configuration: .init(maxConcurrentTransfers: workers, handleMode: mode))
        let clock = ContinuousClock()
        let connectionsBefore = site.connectionCount
        let start = clock.now
        let deadline = start + duration
        let tallies = await withTaskGroup(of: WorkerTally.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    await deliver(as: "\(label)-w\(worker)", until: deadline, client: client, site: site, signer: signer)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = clock.now - start
        return DeliveryResult(mode: mode, workers: workers, elapsed: elapsed,
                              connections: site.connectionCount - connectionsBefore, latencies: tallies.flatMap(\.latencies), failures: tallies.map(\.failures).reduce(0, +),
                              firstError: tallies.compactMap(\.firstError).first)
    }

    /// One worker's loop: deliver, time it, repeat until `deadline`.
    private func deliver(as worker: String, until deadline: ContinuousClock.Instant, client: CurlClient,
                         site: MockCourseSite, signer: WebhookSigner) async -> WorkerTally {
        var tally = WorkerTally()
        let clock = ContinuousClock()
        var sequence = 0
        while clock.now < deadline {
            sequence += 1
            let id = "\(worker)-\(sequence)"
            let began = clock.now
            do {
                var event = SinkEventSamples.accessGranted
                event.data.customerEmail = "buyer-\(id)@example.com"
                event.data.orderReference = id
                let request = signer.request(to: site.url, id: id, timestamp: Int64(Date().timeIntervalSince1970),
                                             body: try event.body())
                let response = try await client.send(request)
                guard response.status == 200 else {
                    throw BenchFailure("\(id) answered \(response.status): \(response.bodyText)")
                }
                tally.latencies.append(clock.now - began)
            } catch {
                tally.failures += 1
                if tally.firstError == nil { tally.firstError = "\(error)" }
            }
        }
        return tally
    }
}

/// What one worker saw: the latency of each delivery that got a 200, and the ones that did not.
struct WorkerTally: Sendable {
    var latencies: [Duration] = []
    var failures = 0
    var firstError: String?
}

/// A delivery the site did not accept.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
