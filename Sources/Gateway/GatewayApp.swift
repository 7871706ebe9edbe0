import AccessKernel
import AccessStore
import Foundation
import Hummingbird
import Logging
import MappingConfig
import Outbound

/// The gateway, built and ready to run: the Hummingbird application (HTTP server, group
/// committer and sweeper in one service group) plus handles that tests and the CLI use.
public struct GatewayApp {
    /// Run it with `runService()` (graceful shutdown on SIGTERM and SIGINT) or test it.
    public var application: Application<RouterResponder<BasicRequestContext>>
    /// Commits webhook facts in groups; its counters show how many transactions ran.
    public let committer: GroupCommitter
    /// Expires access on time.
    public let sweeper: Sweeper
    /// Delivers sink events and mail; `nil` when the mapping file configures neither.
    public let outbox: OutboxWorker?
    /// The mapping version registered in the store at start-up.
    public let mapping: MappingVersion
    /// The instances served under `/webhooks/{instance}`.
    public let instances: WebhookInstances
}

/// Builds the gateway on `store` for `mapping`, in the hummingbird template's style, so
/// that tests build the real thing with port 0 and a temporary database.
///
/// It makes one adapter per configured instance (secrets resolved from `environment`) and
/// registers the mapping in the store, so a missing secret or an unusable store stops the
/// start-up here, before anything listens.
///
/// - Parameters:
///   - onServerRunning: called with the bound port once the server accepts connections.
/// - Throws: ``GatewayStartupError`` for a missing secret, or the store's error.
public func buildGateway(configuration: GatewayConfiguration = GatewayConfiguration(),
                         store: any AccessStore, mapping: MappingFile,
                         registry: AdapterRegistry = .standard,
                         environment: [String: String] = ProcessInfo.processInfo.environment,
                         logger: Logger,
                         onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws -> GatewayApp {
    let instances = try registry.adapters(for: mapping.mapping, environment: environment)
    let channels = try OutboxChannels(mapping.outbound, environment: environment)
    var version = try await store.register(mapping.mapping, hash: mapping.hash, path: mapping.path, text: mapping.text)
    version.outbox = OutboxTargets(mapping.outbound)
    let outbox = version.outbox.isEmpty ? nil : OutboxWorker(
        store: store, client: CurlClient(configuration: configuration.outboundClient), channels: channels,
        courses: version.mapping.courses, pollInterval: configuration.outboxPollInterval, logger: logger)
    let answers = AccessAnswerCache(lifetime: configuration.accessAnswerLifetime)
    let committer = GroupCommitter(store: store, mapping: version, maxBatch: configuration.maxCommitBatch,
                                   answers: answers, outbox: outbox, logger: logger)
    let sweeper = Sweeper(store: store, mapping: version, interval: configuration.sweepInterval, answers: answers, outbox: outbox,
                          logger: logger)

    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: JSONErrorMiddleware(logger: logger))
    let health = HealthEndpoint()
    health.add(to: router)
    WebhookEndpoint(instances: instances, committer: committer, maxBodySize: configuration.maxBodySize, logger: logger)
        .add(to: router)
    AccessEndpoint(store: store, answers: answers, mapping: version.mapping,
                   keys: APIKeyVerifier(store: store, lifetime: configuration.keyCacheLifetime))
        .add(to: router)

    let application = Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "coursegate"),
        services: [committer, sweeper] + (outbox.map { [$0] } ?? []),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    return GatewayApp(application: application, committer: committer, sweeper: sweeper, outbox: outbox, mapping: version,
                      instances: instances)
}

extension GatewayApp {
    /// Runs until SIGTERM or SIGINT, then shuts down gracefully: the server stops accepting
    /// connections and finishes the requests it has, queued commits complete, then the
    /// committer and the sweeper stop.
    public func run() async throws {
        try await application.runService()
    }
}
