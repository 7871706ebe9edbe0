/// Deliveries per second from `CurlClient` to the mock course site on loopback: signed
/// `access.granted` events sent with one reused libcurl handle per worker (kept-alive
/// connections) versus a new handle, and so a new connection, per request; at 1 and 4
/// workers unless told otherwise, each run sending for a fixed time.
///
///     Benchmarks/delivery.sh [--seconds 5] [--workers 1,4]       (release build)
///     swift run delivery-bench --seconds 1 --workers 1           (debug, to try it)
///
/// Prints a Markdown table (mode, workers, deliveries, seconds, deliveries/s, p50 and p99
/// latency per delivery, connections the site accepted), then checks that the site stored exactly one event per delivery
/// made; exits 1 when a delivery failed or the counts differ, 2 for a bad command line.
import Foundation
import Mocks
import Outbound

/// Writes `message` to standard error and ends the process with `code`.
func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}

let options: BenchOptions
do {
    options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)\n\(BenchOptions.usage)", code: 2)
}

let site: MockCourseSite
let signer: WebhookSigner
do {
    site = try MockCourseSite(secrets: [SinkEventSamples.secret])
    signer = try WebhookSigner(secrets: [SinkEventSamples.secret])
} catch {
    fail("could not start the mock course site: \(error)", code: 1)
}

let cores = ProcessInfo.processInfo.activeProcessorCount
print("delivery-bench: \(options.seconds) s per run, \(cores) cores, mock course site at \(site.url)\n")
print(ResultTable.header)
var results: [DeliveryResult] = []
for (modeIndex, mode) in [CurlHandleMode.reused, .newPerRequest].enumerated() {
    for workers in options.workers {
        let run = DeliveryRun(mode: mode, workers: workers, duration: .milliseconds(Int(options.seconds * 1000)),
                              label: "bench-m\(modeIndex)-w\(workers)")
        let result = await run.measure(site: site, signer: signer)
        results.append(result)
        print(ResultTable.row(result))
    }
}

let delivered = results.map(\.deliveries).reduce(0, +)
let failures = results.map(\.failures).reduce(0, +)
let stored = site.events.count
site.stop()
print("\ndeliveries answered 200: \(ResultTable.grouped(delivered)); failed: \(ResultTable.grouped(failures)); "
      + "distinct events stored by the site: \(ResultTable.grouped(stored))")
if let error = results.compactMap(\.firstError).first {
    fail("first failure: \(error)", code: 1)
}
guard stored == delivered else {
    fail("mismatch: the site stored \(stored) events for \(delivered) deliveries", code: 1)
}
