import Outbound
import Testing

@Suite("Redirects and response size")
struct ResponsePolicyTests {
    @Test("a 302 is returned as it is, not followed")
    func redirectIsNotFollowed() async throws {
        try await LoopbackServer.run { port, record in
            let client = CurlClient()
            let response = try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/redirect"))
            #expect(response.status == 302)
            #expect(response.headers["Location"] == "/echo")
            #expect(record.requestPaths == ["/redirect"])
        }
    }

    @Test("a client configured to follow redirects lands on the target")
    func redirectFollowedWhenConfigured() async throws {
        try await LoopbackServer.run { port, record in
            let client = CurlClient(configuration: .init(followRedirects: true))
            let response = try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/redirect"))
            #expect(response.status == 200)
            #expect(response.headers["X-Method"] == "GET")
            #expect(response.headers["Location"] == nil)
            #expect(record.requestPaths == ["/redirect", "/echo"])
        }
    }

    @Test("a body of exactly the limit is accepted")
    func bodyAtLimitIsAccepted() async throws {
        try await LoopbackServer.run { port, _ in
            let client = CurlClient(configuration: .init(maxResponseBytes: 4096))
            let response = try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/bytes/4096"))
            #expect(response.body.count == 4096)
        }
    }

    @Test("a response announced larger than the limit fails with responseTooLarge")
    func announcedLargeBodyIsRejected() async throws {
        try await LoopbackServer.run { port, _ in
            let client = CurlClient(configuration: .init(maxResponseBytes: 4096))
            let error = await #expect(throws: OutboundError.self) {
                try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/bytes/4097"))
            }
            #expect(error?.kind == .responseTooLarge, "\(String(describing: error))")
        }
    }

    @Test("a chunked response that grows past the limit is stopped with responseTooLarge")
    func streamedLargeBodyIsStopped() async throws {
        try await LoopbackServer.run { port, _ in
            let client = CurlClient(configuration: .init(maxResponseBytes: 64 * 1024))
            let error = await #expect(throws: OutboundError.self) {
                try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/stream/\(1 << 20)"))
            }
            #expect(error?.kind == .responseTooLarge, "\(String(describing: error))")
            let small = try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/stream/2048"))
            #expect(small.body.count == 2048)
        }
    }
}
