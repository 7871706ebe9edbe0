import AccessKernel
import AccessStore
import AdapterKit
import Foundation
import Logging
import MappingConfig
import Outbound
import ServiceLifecycle
import UnixSignals

/// Reloads the mapping while serving: when the file changes (checked every second), on
/// SIGHUP, on `POST /v1/mapping/reload`, and when `coursegate mapping apply` or `rollback`
/// put another version in force in the database.
///
/// A valid file is registered, put in force for new purchases (earlier purchases keep their
/// routes until `mapping apply --backfill`), and swapped in atomically. An invalid one is
/// refused with every problem, logged, shown by `GET /v1/mapping`, and the mapping in force
/// keeps serving.
public actor MappingReloader: Service {
    public enum Outcome: Sendable {
        /// Put in force (or already in force: `changed` is false).
        case applied(LiveMapping.Snapshot, changed: Bool)
        case rejected(LiveMapping.Rejection)
    }

    private let live: LiveMapping
    private let store: any AccessStore & MappingChanges
    private let registry: AdapterRegistry
    private let environment: [String: String]
    private let providers: @Sendable (Mapping, WebhookInstances) -> [InstanceID: any ProviderAPI]
    private let onSwap: @Sendable () -> Void
    private let interval: Duration
    private let logger: Logger
    private var fileStamp: FileStamp?
    private var lastActivation: Int64?
    /// The reload running now. Reloads run one at a time: the actor lets another call in at
    /// every store call, and two interleaved reloads could register one version twice or
    /// leave the older of two edits in force.
    private var running: Task<Void, Never>?

    /// - Parameter activation: the activation in force when the gateway was built; a later
    ///   one (by the CLI) is followed.
    init(live: LiveMapping, store: any AccessStore & MappingChanges, activation: Int64?, registry: AdapterRegistry,
         environment: [String: String], interval: Duration, logger: Logger,
         providers: @escaping @Sendable (Mapping, WebhookInstances) -> [InstanceID: any ProviderAPI],
         onSwap: @escaping @Sendable () -> Void) {
        self.live = live
        self.store = store
        self.registry = registry
        self.environment = environment
        self.interval = interval
        self.logger = logger
        self.providers = providers
        self.onSwap = onSwap
        lastActivation = activation
        fileStamp = FileStamp(path: live.current.file.path)
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in signals {
                    self.logger.info("SIGHUP: reloading the mapping")
                    _ = await self.reloadFile()
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: self.interval)
                    await self.oneAtATime { await $0.poll() }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// Reloads the mapping file now (SIGHUP, the API), after any reload already running.
    public func reloadFile() async -> Outcome {
        await oneAtATime { await $0.reloadFileNow() }
    }

    /// Runs `work` once every reload started before it has finished.
    private func oneAtATime<T: Sendable>(_ work: @escaping @Sendable (isolated MappingReloader) async -> T) async -> T {
        let previous = running
        let task = Task { await previous?.value; return await work(self) }
        running = Task { _ = await task.value }
        return await task.value
    }

    private func reloadFileNow() async -> Outcome {
        let path = live.current.file.path
        fileStamp = FileStamp(path: path)
        let file: MappingFile
        do {
            // Read once: an unchanged file (a touch, a SIGHUP without an edit) is not parsed again.
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                file = try MappingFile.load(path: path, kinds: registry.kinds, environment: environment)
                return await put(file, mode: .reload)
            }
            if MappingFile.hash(of: text) == live.current.version.hash { return .applied(live.current, changed: false) }
            file = try MappingFile.parse(text, path: path, kinds: registry.kinds, environment: environment)
        } catch {
            return reject(path: path, issues: error.issues)
        }
        return await put(file, mode: .reload)
    }

    /// Looks for a changed file and for a version put in force by the CLI.
    private func poll() async {
        let path = live.current.file.path
        if let stamp = FileStamp(path: path), stamp != fileStamp {
            logger.info("mapping file changed: reloading", metadata: ["path": "\(path)"])
            _ = await reloadFileNow()
        }
        guard let activation = try? await store.activeMapping(), activation.id != lastActivation else { return }
        lastActivation = activation.id
        guard activation.version != live.current.version.id, activation.actor != "gateway" else { return }
        guard let stored = try? await store.storedMapping(id: activation.version) else { return }
        do {
            var file = try MappingHistory.parse(stored, kinds: registry.kinds)
            // The file the gateway watches stays the one it was started with.
            file.path = live.current.file.path
            file.outbound = live.current.file.outbound
            logger.info("mapping version \(activation.version) was put in force by \(activation.actor): switching",
                        metadata: ["mode": "\(activation.mode.rawValue)"])
            _ = await put(file, mode: nil)
        } catch {
            logger.error("mapping version \(activation.version) put in force by \(activation.actor) does not read: \(error.description)")
        }
    }

    /// Registers `file`, records the activation (unless the CLI did: `mode` nil), swaps it in.
    private func put(_ file: MappingFile, mode: MappingActivation.Mode?) async -> Outcome {
        let current = live.current
        if file.hash == current.version.hash { return .applied(current, changed: false) }
        let instances: WebhookInstances
        do {
            instances = try registry.adapters(for: file.mapping, environment: environment)
        } catch {
            return reject(path: file.path, issues: [MappingIssue(file: file.path, line: nil, key: "instances", message: error.description)])
        }
        do {
            var version = try await store.register(file.mapping, hash: file.hash, path: file.path, text: file.text)
            // Sinks and mail keep the settings the gateway started with (they need a restart).
            version.outbox = current.version.outbox
            if let mode {
                let activation = try await store.activate(version, mode: mode, actor: "gateway", now: Date())
                lastActivation = activation.id
            }
            version.earlier = try await earlierMappings(current: current.version)
            version.timeline = try await store.routingTimeline()
            let snapshot = LiveMapping.Snapshot(version: version, file: file, instances: instances,
                                                providers: providers(file.mapping, instances), since: Date())
            live.swap(snapshot)
            onSwap()
            logger.notice("mapping version \(version.id) (\(file.hash.prefix(12))) is in force",
                          metadata: ["path": "\(file.path)", "routes": "\(file.mapping.routes.count)"])
            return .applied(snapshot, changed: true)
        } catch {
            return reject(path: file.path, issues: [MappingIssue(file: file.path, line: nil, key: "", message: "\(error)")])
        }
    }

    /// The versions facts may still follow, parsed: the ones already known are reused, so a
    /// reload parses only the file it loads.
    private func earlierMappings(current: MappingVersion) async throws -> [Int64: Mapping] {
        var known = current.earlier
        known[current.id] = current.mapping
        var result: [Int64: Mapping] = [:]
        for stored in try await store.pinnedVersions() {
            if let mapping = known[stored.id] {
                result[stored.id] = mapping
            } else if let file = try? MappingHistory.parse(stored, kinds: registry.kinds) {
                result[stored.id] = file.mapping
            }
        }
        return result
    }

    private func reject(path: String, issues: [MappingIssue]) -> Outcome {
        let rejection = LiveMapping.Rejection(at: Date(), path: path, issues: issues)
        live.reject(rejection)
        logger.error("mapping reload refused; the mapping in force keeps serving",
                     metadata: ["path": "\(path)", "problems": "\(issues.map(\.description).joined(separator: "; "))"])
        return .rejected(rejection)
    }
}

/// What tells a changed file: modification time and size.
struct FileStamp: Equatable {
    let modified: Date
    let size: Int

    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date else { return nil }
        self.modified = modified
        self.size = (attributes[.size] as? Int) ?? 0
    }
}
