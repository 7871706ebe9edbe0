import Outbound
import Testing

@Suite("Concurrent use")
struct ConcurrencyTests {
    @Test("20 concurrent requests through 4 workers all succeed with their own bodies")
    func concurrentRequests() async throws {
        try await LoopbackServer.run { port, _ in
            let client = CurlClient(configuration: .init(maxConcurrentTransfers: 4))
            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let request = OutboundRequest(method: .post, url: "http://127.0.0.1:\(port)/echo",
                                                           body: Array("delivery \(index)".utf8))
                        let response = try await client.sendExpectingSuccess(request)
                        return (index, response.bodyText)
                    }
                }
                var bodies: [Int: String] = [:]
                for try await (index, body) in group { bodies[index] = body }
                return bodies
            }
            #expect(bodies.count == 20)
            for index in 0..<20 { #expect(bodies[index] == "delivery \(index)") }
        }
    }

    @Test("cancelling the task stops a transfer in flight with CancellationError")
    func cancellationStopsTransfer() async throws {
        try await LoopbackServer.run { port, record in
            let client = CurlClient(configuration: .init(timeout: .seconds(60)))
            let request = Task { try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/slow")) }
            while record.slowArrivals == 0 { try await Task.sleep(for: .milliseconds(10)) }
            request.cancel()
            await #expect(throws: CancellationError.self) { try await request.value }
            // The worker is free again and its handle still works.
            let after = try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/status/200"))
            #expect(after.status == 200)
        }
    }

    @Test("a request waiting for a busy worker is cancelled without sending anything")
    func cancellationWhileWaitingForWorker() async throws {
        try await LoopbackServer.run { port, record in
            let client = CurlClient(configuration: .init(timeout: .seconds(60), maxConcurrentTransfers: 1))
            let busy = Task { try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/slow")) }
            while record.slowArrivals == 0 { try await Task.sleep(for: .milliseconds(10)) }
            let waiting = Task { try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/echo")) }
            waiting.cancel()
            await #expect(throws: CancellationError.self) { try await waiting.value }
            busy.cancel()
            _ = await busy.result
            #expect(!record.requestPaths.contains("/echo"))
        }
    }
}
