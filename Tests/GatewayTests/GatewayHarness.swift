import AccessStore
import Foundation
import Gateway
import Hummingbird
import Logging
import MappingConfig

/// The real gateway built as `coursegate serve` builds it, on a temporary SQLite file,
/// port 0, and a registry with the test-only ``ProbeAdapter`` kind.
struct GatewayHarness {
    let gateway: GatewayApp
    let store: SQLiteStore
    let databasePath: String

    /// A mapping with one probe instance routing product 12 to `web-basics`, product 14 to
    /// `css-mastery` (which has a revoked message), and a `draft` course.
    static let mappingText = """
        courses:
          web-basics:
            title: Web Basics
            published: true
          css-mastery:
            title: CSS Mastery
            published: true
            revoked_message: Write to help@school.example.com to get back in.
        instances:
          probe-main:
            kind: probe
            secrets:
              token: env:PROBE_TOKEN
        routes:
          - instance: probe-main
            product: "12"
            courses: [web-basics]
          - instance: probe-main
            product: "14"
            courses: [css-mastery]
        """

    static var registry: AdapterRegistry {
        var registry = AdapterRegistry.standard
        registry.register(ProbeAdapter.self)
        return registry
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("coursegate-gateway-\(UUID().uuidString)-\(name)").path
    }

    /// Builds the gateway; `storeFailure` makes every commit fail with it.
    static func make(mappingText: String = mappingText, registry: AdapterRegistry = registry,
                     environment: [String: String] = ["PROBE_TOKEN": ProbeDelivery.token],
                     configuration: GatewayConfiguration = GatewayConfiguration(port: 0),
                     storeFailure: (any Error & Sendable)? = nil, mappingFile: String? = nil) async throws -> GatewayHarness {
        let path = temporaryPath("gateway.sqlite")
        var logger = Logger(label: "gateway-tests")
        logger.logLevel = .critical
        let store = try SQLiteStore(path: path, logger: logger)
        let mapping = if let mappingFile {
            try MappingFile.load(path: mappingFile, kinds: registry.kinds, environment: environment)
        } else {
            try MappingFile.parse(mappingText, path: "test.yaml", kinds: registry.kinds, environment: environment)
        }
        let served: any AccessStore = if let storeFailure { StoreDouble(base: store, failure: storeFailure) } else { store }
        let gateway = try await buildGateway(configuration: configuration, store: served, mapping: mapping,
                                             registry: registry, environment: environment, logger: logger)
        return GatewayHarness(gateway: gateway, store: store, databasePath: path)
    }

    /// Creates a key and returns the `Authorization` header that sends it.
    func authorization(scope: APIKey.Scope = .read) async throws -> HTTPFields {
        let (_, secret) = try await store.createKey(name: "test", scope: scope, now: Date())
        return [.authorization: "Bearer \(secret)"]
    }
}

extension ByteBuffer {
    /// The body as text, for messages.
    var text: String { String(buffer: self) }

    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(readableBytesView))) as? [String: Any] ?? [:]
    }
}
