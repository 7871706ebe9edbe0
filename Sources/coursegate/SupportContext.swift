import AccessKernel
import AccessStore
import AdapterKit
import ArgumentParser
import Foundation
import Gateway
import MappingConfig
import Outbound

/// `--config FILE` and `--db FILE`: what a support command works on.
struct SupportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The mapping file (YAML): courses, products and policies.", valueName: "FILE"))
    var config: String = "Examples/coursegate.yaml"

    @OptionGroup var store: StoreOptions

    /// Opens the store and the mapping as the support desk of the actor `cli`; with
    /// `providers`, the provider APIs of every instance whose API secrets are set.
    func open(providers: Bool = false) async throws -> SupportContext {
        let registry = AdapterRegistry.standard
        let mapping = try MappingFile.loadForCommand(path: config, registry: registry)
        let database = try store.open()
        var version = try await database.register(mapping.mapping, hash: mapping.hash, path: mapping.path, text: mapping.text)
        version.outbox = OutboxTargets(mapping.outbound)
        var apis: [InstanceID: any ProviderAPI] = [:]
        if providers {
            let client = CurlClient()
            let environment = ProcessInfo.processInfo.environment
            for (id, instance) in mapping.mapping.instances {
                // An instance whose secrets are not set has no API: its payment commands say so.
                guard let adapter = try? registry.adapter(for: instance, environment: environment),
                      let api = adapter.api(ProviderConnection(transport: client, baseURL: instance.apiURL)) else { continue }
                apis[id] = api
            }
        }
        let desk = SupportDesk(store: database, mapping: version, recorder: StoreRecorder(store: database, mapping: version),
                               providers: apis)
        return SupportContext(database: database, desk: desk, options: self)
    }
}

/// The opened store and support desk, and how a refused operation reads and exits.
struct SupportContext {
    /// Who the facts say acted.
    static let actor = "cli"

    let database: SQLiteStore
    let desk: SupportDesk
    let options: SupportOptions

    /// The customer an email (current or former) belongs to; exits 3 when there is none.
    func customerID(_ email: String) async throws -> Int64 {
        try await perform { try await $0.customerID(email: email) }
    }

    /// Runs a support operation; a ``SupportError`` is printed naming its field and ends the
    /// command with its exit code.
    func perform<T: Sendable>(_ operation: (SupportDesk) async throws -> T) async throws -> T {
        do {
            return try await operation(desk)
        } catch let error as SupportError {
            printError(SupportExit.message(error, database: options.store.db))
            throw SupportExit.code(error.kind)
        }
    }
}

/// Exit codes and messages of refused support operations.
enum SupportExit {
    /// 3 not found, 1 invalid, 4 conflict, 5 unsupported, 6 provider failure.
    static func code(_ kind: SupportError.Kind) -> ExitCode {
        switch kind {
        case .notFound: ExitCode(3)
        case .invalid: ExitCode(1)
        case .conflict: ExitCode(4)
        case .unsupported: ExitCode(5)
        case .provider: ExitCode(6)
        }
    }

    static func message(_ error: SupportError, database: String) -> String {
        switch error.kind {
        case .notFound: "\(error.description) (in \(database))"
        case .provider: "provider: \(error.description)"
        default: error.description
        }
    }
}
