import Outbound
import Testing

@Suite("Connection reuse")
struct KeepAliveTests {
    /// The client port of the connection each of `count` sequential requests came on.
    private func connectionPorts(_ client: CurlClient, port: Int, count: Int) async throws -> [String] {
        var ports: [String] = []
        for _ in 0..<count {
            let response = try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/connection"))
            #expect(response.status == 200)
            ports.append(response.bodyText)
        }
        return ports
    }

    @Test("sequential requests from a reusing client share one connection")
    func reusedHandleKeepsConnection() async throws {
        try await LoopbackServer.run { port, _ in
            let client = CurlClient(configuration: .init(handleMode: .reused))
            let ports = try await connectionPorts(client, port: port, count: 6)
            #expect(ports.count == 6)
            #expect(Set(ports).count == 1, "connections: \(ports)")
        }
    }

    @Test("keep-alive survives requests of different methods and bodies on the same handle")
    func reusedHandleAcrossMethods() async throws {
        try await LoopbackServer.run { port, _ in
            let client = CurlClient(configuration: .init(handleMode: .reused))
            let first = try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/connection"))
            let post = try await client.send(OutboundRequest(method: .post, url: "http://127.0.0.1:\(port)/echo",
                                                                  body: Array("between".utf8)))
            #expect(post.bodyText == "between")
            let last = try await client.send(OutboundRequest(url: "http://127.0.0.1:\(port)/connection"))
            #expect(first.bodyText == last.bodyText)
        }
    }

    @Test("a client in new-handle-per-request mode opens a connection for every request")
    func newHandlePerRequestReconnects() async throws {
        try await LoopbackServer.run { port, _ in
            let client = CurlClient(configuration: .init(handleMode: .newPerRequest))
            let ports = try await connectionPorts(client, port: port, count: 4)
            #expect(Set(ports).count == 4, "connections: \(ports)")
        }
    }
}
