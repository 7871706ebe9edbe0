import AccessStore
import ArgumentParser
import Foundation
import Gateway
import Logging
import MappingConfig

/// `coursegate serve`: the gateway — webhooks in, access answers out — until SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the gateway.",
        discussion: """
            Receives webhooks at /webhooks/INSTANCE and answers GET /v1/access. Secrets named \
            env:NAME in the mapping are read from the environment. SIGTERM or SIGINT stops it \
            gracefully: requests in flight are answered first.
            """)

    @Option(help: ArgumentHelp("The mapping file (YAML).", valueName: "FILE"))
    var config: String = "Examples/coursegate.yaml"

    @OptionGroup var store: StoreOptions

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8080

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The largest webhook body accepted, in bytes.", valueName: "BYTES"))
    var maxBodySize: Int = 1 << 20

    @Option(help: ArgumentHelp("Seconds between two sweeps for expired access.", valueName: "SECONDS"))
    var sweepInterval: Int = 60

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive") }
        guard sweepInterval > 0 else { throw ValidationError("--sweep-interval must be positive") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        let logger = ServeLogging.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
        let registry = AdapterRegistry.standard
        let mapping = try MappingFile.loadForCommand(path: config, registry: registry)
        // Unset secrets are checked below, against what each adapter actually needs.
        for warning in mapping.warnings where !warning.key.contains(".secrets.") { printError("warning: \(warning)") }

        let lock: DatabaseLock
        do {
            lock = try DatabaseLock.acquire(database: store.db)
        } catch {
            printError("coursegate serve: \(error.description)")
            throw ExitCode(2)
        }
        defer { lock.release() }

        let gateway: GatewayApp
        let database: SQLiteStore
        do {
            database = try store.open()
            let configuration = GatewayConfiguration(host: host, port: port, maxBodySize: maxBodySize,
                                                     sweepInterval: .seconds(sweepInterval))
            gateway = try await buildGateway(configuration: configuration, store: database, mapping: mapping,
                                             registry: registry, logger: logger) { [host] port in
                ServeBanner.listening(host: host, port: port, instances: mapping.mapping.instances)
                ServeBanner.outbound(mapping.outbound)
            }
        } catch {
            printError("coursegate serve: \(error)")
            throw ExitCode.failure
        }
        try await ServeBanner.ensureReadKey(in: database)
        print("mapping \(mapping.path) version \(gateway.live.current.version.id) (\(mapping.hash.prefix(12))), database \(store.db)")
        print("watching \(mapping.path) for edits (SIGHUP and POST /v1/mapping/reload reload it too); new purchases follow an edit, `coursegate mapping apply --backfill` brings existing customers along")
        ServeBanner.flush()
        do {
            try await gateway.run()
        } catch {
            printError("coursegate serve stopped: \(error)")
            throw ExitCode.failure
        }
        print("coursegate stopped")
    }
}
