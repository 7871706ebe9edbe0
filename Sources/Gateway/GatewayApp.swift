import AccessKernel
import AccessStore
import AdapterKit
import Foundation
import Hummingbird
import Logging
import MappingConfig
import Outbound
import ServiceLifecycle

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
    /// The mapping in force, swapped by reloads.
    public let live: LiveMapping
    /// Reloads the mapping (file change, SIGHUP, the API, the CLI's apply); `nil` when the
    /// store cannot record mapping changes (a test double).
    public let reloader: MappingReloader?
    /// Writes what each webhook request came to; `nil` when the store keeps no inbound log.
    public let inbound: InboundJournal?
    /// The support operations behind the admin API; `nil` when the store does not offer them.
    public let supportDesk: SupportDesk?
    /// Every route the server answers, as `METHOD /path/{parameter}`, sorted.
    public let routes: [String]
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
    let channels = try OutboxChannels(mapping.outbound, hub: mapping.hub, environment: environment)
    var version = try await store.register(mapping.mapping, hash: mapping.hash, path: mapping.path, text: mapping.text)
    version.outbox = OutboxTargets(mapping.outbound)
    let changes = store as? any AccessStore & MappingChanges
    var activation: Int64?
    if let changes {
        // Started on another version than the last in force: purchases so far keep their routes.
        if try await changes.activeMapping()?.version != version.id {
            _ = try await changes.activate(version, mode: .start, actor: "gateway", now: Date())
        }
        version = try await MappingHistory.withPinned(version, store: changes, kinds: registry.kinds)
        activation = try await changes.activeMapping()?.id
    }
    let apiClient = CurlClient()
    let live = LiveMapping(LiveMapping.Snapshot(version: version, file: mapping, instances: instances,
                                                providers: providerAPIs(mapping.mapping, instances: instances, client: apiClient),
                                                since: Date()))
    let current: @Sendable () -> MappingVersion = { live.current.version }
    let outbox = version.outbox.isEmpty ? nil : OutboxWorker(
        store: store, client: CurlClient(configuration: configuration.outboundClient), channels: channels,
        courses: { live.current.version.mapping.courses }, pollInterval: configuration.outboxPollInterval, logger: logger)
    let answers = AccessAnswerCache(lifetime: configuration.accessAnswerLifetime)
    let committer = GroupCommitter(store: store, mapping: current, maxBatch: configuration.maxCommitBatch,
                                   answers: answers, outbox: outbox, logger: logger)
    let sweeper = Sweeper(store: store, mapping: current, interval: configuration.sweepInterval, answers: answers, outbox: outbox,
                          logger: logger)
    let reloader = changes.map {
        MappingReloader(live: live, store: $0, activation: activation, registry: registry, environment: environment,
                        interval: configuration.mappingCheckInterval, logger: logger,
                        providers: { providerAPIs($0, instances: $1, client: apiClient) },
                        onSwap: { answers.invalidateAll() })
    }

    // The support tools need a store that also finds customers and keeps the inbound log
    // (SQLiteStore does); a test double that does not gets the rest of the gateway.
    let inboundLog = store as? any InboundLog
    let journal = inboundLog.map { InboundJournal(log: $0, logger: logger) }
    let desk = (store as? any SupportStore).map {
        SupportDesk(store: $0, live: live, recorder: committer)
    }
    let keys = APIKeyVerifier(store: store, lifetime: configuration.keyCacheLifetime)

    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: JSONErrorMiddleware(logger: logger))
    let health = HealthEndpoint()
    health.add(to: router)
    WebhookEndpoint(instances: { live.current.instances }, committer: committer, maxBodySize: configuration.maxBodySize, journal: journal,
                    logger: logger)
        .add(to: router)
    AccessEndpoint(store: store, answers: answers, mapping: { live.current.version.mapping }, keys: keys)
        .add(to: router)
    AdminAPI(store: store, desk: desk, inbound: inboundLog, keys: keys, outbox: outbox, live: live, reloader: reloader,
             kinds: registry.kinds, document: .installed(), logger: logger)
        .add(to: router)
    let pages = await WebPages.installed()
    AdminPages(store: store, desk: desk, inbound: inboundLog, outbox: outbox, live: live, pages: pages, logger: logger)
        .add(to: router)
    HubPages(store: store, desk: desk, live: live, pages: pages, limits: configuration.hubLimits, logger: logger,
             now: configuration.hubClock)
        .add(to: router)
    let routes = router.routes.map { "\($0.method.rawValue) \($0.path)" }.sorted()

    var services: [any Service] = [committer, sweeper]
    if let outbox { services.append(outbox) }
    if let journal { services.append(journal) }
    if let reloader, configuration.watchMapping { services.append(reloader) }
    let application = Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "coursegate"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    return GatewayApp(application: application, committer: committer, sweeper: sweeper, outbox: outbox, live: live,
                      reloader: reloader, inbound: journal, supportDesk: desk, routes: routes)
}

/// The provider API of every instance whose adapter offers one (with its `api_url` when the
/// mapping sets one), all through one libcurl client.
private func providerAPIs(_ mapping: Mapping, instances: WebhookInstances, client: CurlClient) -> [InstanceID: any ProviderAPI] {
    var apis: [InstanceID: any ProviderAPI] = [:]
    for (id, adapter) in instances.adapters {
        if let api = adapter.api(ProviderConnection(transport: client, baseURL: mapping.instances[id]?.apiURL)) {
            apis[id] = api
        }
    }
    return apis
}

extension GatewayApp {
    /// Runs until SIGTERM or SIGINT, then shuts down gracefully: the server stops accepting
    /// connections and finishes the requests it has, queued commits complete, then the
    /// committer and the sweeper stop.
    public func run() async throws {
        try await application.runService()
    }
}
