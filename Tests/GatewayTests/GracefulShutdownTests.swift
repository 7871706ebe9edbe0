import AccessStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Gateway
import Logging
import MappingConfig
import ServiceLifecycle
import Testing

@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    @Test("a delivery in flight when shutdown begins is committed and answered 200 before the gateway stops")
    func inFlightDeliveryCompletes() async throws {
        let path = GatewayHarness.temporaryPath("shutdown.sqlite")
        let store = StoreDouble(base: try SQLiteStore(path: path), delay: .milliseconds(600))
        let environment = ["PROBE_TOKEN": ProbeDelivery.token]
        let registry = GatewayHarness.registry
        let mapping = try MappingFile.parse(GatewayHarness.mappingText, path: "test.yaml", kinds: registry.kinds,
                                            environment: environment)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "shutdown-test")
        logger.logLevel = .warning
        let gateway = try await buildGateway(configuration: GatewayConfiguration(port: 0), store: store, mapping: mapping,
                                             registry: registry, environment: environment, logger: logger) { port in
            portSink.yield(port)
        }
        let group = ServiceGroup(services: [gateway.application], logger: logger)
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        let delivery = Task { () throws -> (Int, String) in
            guard let url = URL(string: "http://127.0.0.1:\(port)/webhooks/probe-main") else { throw URLError(.badURL) }
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
            request.setValue(ProbeDelivery.token, forHTTPHeaderField: "X-Probe-Token")
            request.httpBody = Data("purchase 900 late@example.com 12".utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
        // Wait until the delivery is being committed, then ask the gateway to stop.
        let deadline = ContinuousClock.now + .seconds(10)
        while await gateway.committer.transactions == 0, await !gateway.committer.isCommitting,
              ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        await group.triggerGracefulShutdown()

        let (status, body) = try await delivery.value
        #expect(status == 200, "\(body)")
        try await running.value
        #expect(try await SQLiteStore(path: path).customer(email: "late@example.com") != nil)
    }
}
