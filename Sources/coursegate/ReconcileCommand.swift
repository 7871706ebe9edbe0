import AccessKernel
import AccessStore
import AdapterKit
import ArgumentParser
import Foundation
import Gateway
import MappingConfig
import Outbound

/// `coursegate reconcile`: record the orders whose webhooks never arrived.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "Recover orders whose webhooks never arrived, from the provider's API.",
        discussion: """
            Lists the instance's orders (or transactions, or undelivered events) of the period \
            through the provider's API, and records those the database does not have: a missed \
            webhook is the first reason a paying customer is locked out. Facts are keyed as their \
            webhooks would be, so running it twice, or the late webhook arriving afterwards, \
            changes nothing. Safe to run while the gateway serves; the gateway delivers what it \
            records to the sinks and sends welcome mail.

            The instance needs its API secret in the mapping file (ThriveCart api_key; SendOwl \
            api_key and api_secret; native checkout its Stripe secret key).
            """)

    @Option(help: "The provider instance, as named in the mapping file.")
    var instance: String

    @Option(help: ArgumentHelp("How far back: 30m, 12h, 7d, or a date (2026-11-01).", valueName: "PERIOD"))
    var since: SincePeriod = SincePeriod(seconds: 7 * 86_400)

    @Flag(help: "Show what would be recorded without recording it.")
    var dryRun = false

    @Option(help: ArgumentHelp("The mapping file (YAML).", valueName: "FILE"))
    var config: String = "Examples/coursegate.yaml"

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let registry = AdapterRegistry.standard
        let mapping = try MappingFile.loadForCommand(path: config, registry: registry)
        guard let configured = mapping.mapping.instances[instance] else {
            printError("\(config): no instance \(instance); the file has \(mapping.mapping.instances.keys.sorted().joined(separator: ", "))")
            throw ExitCode(2)
        }
        let api: any ProviderAPI
        do {
            let adapter = try registry.adapter(for: configured, environment: ProcessInfo.processInfo.environment)
            guard let made = adapter.api(ProviderConnection(transport: CurlClient(), baseURL: configured.apiURL)) else {
                printError("""
                    instance \(instance) (\(configured.kind)) has no API access: set its API secret under \
                    instances.\(instance).secrets in \(config)
                    """)
                throw ExitCode(2)
            }
            api = made
        } catch let error as GatewayStartupError {
            printError("\(config): \(error.description)")
            throw ExitCode(2)
        }

        let database = try store.open()
        var version = try await database.register(mapping.mapping, hash: mapping.hash, path: mapping.path, text: mapping.text)
        version.outbox = OutboxTargets(mapping.outbound)
        let start = since.date(before: Date())
        printError("reading \(instance) orders since \(AccessText.date(start)) through the \(configured.kind) API…")
        let report: Reconciler.Report
        do {
            report = try await Reconciler(store: database, mapping: version).run(api: api, since: start, dryRun: dryRun) { read in
                printError("  \(read) read")
            }
        } catch let error as ProviderAPIError {
            printError("reconcile \(instance): \(error.message)")
            throw ExitCode.failure
        }
        try await ReconcileText.print(report, instance: instance, store: database)
    }
}

/// A period back from now: `30m`, `12h`, `7d`, or a calendar date.
struct SincePeriod: ExpressibleByArgument {
    var seconds: TimeInterval?
    var day: Date?

    init(seconds: TimeInterval) { self.seconds = seconds }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        if let unit = text.last, let count = Double(text.dropLast()), count > 0 {
            switch unit {
            case "m": seconds = count * 60
            case "h": seconds = count * 3600
            case "d": seconds = count * 86_400
            case "w": seconds = count * 7 * 86_400
            default: return nil
            }
            return
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text) else { return nil }
        day = date
    }

    func date(before now: Date) -> Date { day ?? now.addingTimeInterval(-(seconds ?? 0)) }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// What a reconcile run reads like.
enum ReconcileText {
    static func print(_ report: Reconciler.Report, instance: String, store: SQLiteStore) async throws {
        Swift.print("\(report.listed) facts listed by the API; \(report.missing.count) not recorded before")
        for fact in report.missing {
            Swift.print("  \(report.dryRun ? "would record" : "recorded") \(fact.event.kindName) \(fact.key) — " +
                        "\(fact.customer.email ?? "no email") at \(AccessText.date(fact.occurredAt))" +
                        (fact.mode == .test ? " (test mode)" : ""))
        }
        guard !report.dryRun else {
            if !report.missing.isEmpty { Swift.print("dry run: nothing was recorded; run again without --dry-run to record") }
            return
        }
        var emails: [Int64: String] = [:]
        for event in report.events {
            if emails[event.customerID] == nil {
                emails[event.customerID] = try await store.customer(id: event.customerID)?.email ?? "customer #\(event.customerID)"
            }
            Swift.print("  access \(event.kind.rawValue): \(emails[event.customerID] ?? "") \(event.course) — " +
                        AccessText.status(event.state.status))
        }
        if !report.newCustomers.isEmpty { Swift.print("  \(report.newCustomers.count) new customers") }
        if report.missing.isEmpty { Swift.print("nothing to do: every order is recorded") }
    }
}
