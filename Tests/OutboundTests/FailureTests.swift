import Outbound
import Testing

@Suite("Typed failures")
struct FailureTests {
    @Test("connecting to a port nobody listens on is a transport error")
    func closedPortIsTransport() async throws {
        let closed = try ClosedPort()
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.send(OutboundRequest(url: "http://127.0.0.1:\(closed.port)/"))
        }
        #expect(error?.kind == .transport, "\(String(describing: error))")
        withExtendedLifetime(closed) {}
    }

    @Test("a server that closes the connection without answering is a transport error")
    func droppedConnectionIsTransport() async throws {
        let server = try DroppingServer()
        defer { server.stop() }
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.send(OutboundRequest(url: "http://127.0.0.1:\(server.port)/"))
        }
        #expect(error?.kind == .transport, "\(String(describing: error))")
    }

    @Test("a server slower than the total timeout gives a timeout error")
    func slowServerTimesOut() async throws {
        try await LoopbackServer.run { port, record in
            // 2 s: long enough for the request to reach the route on a loaded machine, far
            // below the route's 30 s.
            let client = CurlClient(configuration: .init(timeout: .seconds(2)))
            let error = await #expect(throws: OutboundError.self) {
                try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/slow"))
            }
            #expect(error?.kind == .timeout, "\(String(describing: error))")
            #expect(record.slowArrivals == 1)
        }
    }

    @Test("https to a plain-HTTP port fails the TLS handshake")
    func httpsToPlainPortIsTLSError() async throws {
        try await LoopbackServer.run { port, _ in
            let client = CurlClient()
            let error = await #expect(throws: OutboundError.self) {
                try await client.send(OutboundRequest(url: "https://127.0.0.1:\(port)/echo"))
            }
            #expect(error?.kind == .tls, "\(String(describing: error))")
        }
    }

    @Test("a header value with a line break is rejected before anything is sent")
    func headerInjectionIsRejected() async throws {
        try await LoopbackServer.run { port, record in
            let client = CurlClient()
            let request = OutboundRequest(url: "http://127.0.0.1:\(port)/echo", headers: [
                HTTPHeader(name: "X-Test", value: "a\r\nX-Injected: yes"),
            ])
            let error = await #expect(throws: OutboundError.self) { try await client.send(request) }
            #expect(error?.kind == .invalidRequest)
            #expect(record.requestPaths.isEmpty)
        }
    }

    @Test("a scheme other than http and https is an invalid request")
    func otherSchemesAreRejected() async throws {
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.send(OutboundRequest(url: "file:///etc/passwd"))
        }
        #expect(error?.kind == .invalidRequest, "\(String(describing: error))")
    }
}
