import AccessKernel
import AccessStore
import ArgumentParser
import Foundation
import Gateway
import MappingConfig

/// How an edit reaches existing customers.
enum ApplyMode: EnumerableFlag {
    case backfill, newPurchasesOnly

    static func help(for value: ApplyMode) -> ArgumentHelp? {
        switch value {
        case .backfill: "Recompute every customer under the new mapping: each change is an access event (sinks and mail follow)."
        case .newPurchasesOnly: "Leave existing purchases on the routes they were bought under; only new facts follow the new routes."
        }
    }
}

extension MappingCommand {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which customers a mapping file would give or take which courses, without changing anything.",
            discussion: "Computed from the stored facts, exactly as `mapping apply FILE --backfill` would then change access.")

        @Argument(help: ArgumentHelp("The new mapping file (YAML).", valueName: "FILE"))
        var file: String

        @Option(help: "How many customers to list as a sample.")
        var sample = 10

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let mapping = try MappingFile.loadForCommand(path: file)
            let database = try store.open()
            let version = MappingVersion(id: -1, hash: mapping.hash, mapping: mapping.mapping)
            let diff = try await database.diff(to: version, now: Date())
            MappingDiffText.print(diff, file: file, sample: sample)
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a mapping file in force, recomputing existing customers (--backfill) or not (--new-purchases-only).",
            discussion: """
                A running gateway on the same database switches to it within a second. A backfill runs in \
                batches with progress; if it is stopped (even by a crash), apply the same file again and it \
                goes on where it stopped, doing nothing twice. An edit that would revoke more than \
                --max-revoke-share of active access needs --force. Keep your config file in step: apply the \
                file the gateway serves, or copy FILE over it, so a restart serves the same mapping.
                """)

        @Argument(help: ArgumentHelp("The mapping file (YAML).", valueName: "FILE"))
        var file: String

        @Flag var mode: ApplyMode

        @Flag(help: "Apply even when it would revoke more than --max-revoke-share of active access.")
        var force = false

        @Option(help: ArgumentHelp("The largest share of active access an edit may revoke without --force.", valueName: "SHARE"))
        var maxRevokeShare = 0.10

        @Option(help: "Customers recomputed per transaction.")
        var batchSize = 500

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard (0...1).contains(maxRevokeShare) else { throw ValidationError("--max-revoke-share must be between 0 and 1, like 0.1") }
            guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
        }

        func run() async throws {
            let mapping = try MappingFile.loadForCommand(path: file)
            let database = try store.open()
            try await MappingApplication(store: database, file: mapping, actor: "cli").apply(
                mode: mode, force: force, maxRevokeShare: maxRevokeShare, batchSize: batchSize)
        }
    }

    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put an earlier mapping version in force again, the same way as apply.",
            discussion: "Versions are listed by `coursegate mapping status`. --write FILE also writes that version's text to FILE (your config file), so a restart serves it.")

        @Argument(help: "The version id.")
        var version: Int64

        @Flag var mode: ApplyMode

        @Flag(help: "Roll back even when it would revoke more than --max-revoke-share of active access.")
        var force = false

        @Option(help: ArgumentHelp("The largest share of active access it may revoke without --force.", valueName: "SHARE"))
        var maxRevokeShare = 0.10

        @Option(help: "Customers recomputed per transaction.")
        var batchSize = 500

        @Option(help: ArgumentHelp("Also write the version's text to this file.", valueName: "FILE"))
        var write: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let database = try store.open()
            guard let stored = try await database.storedMapping(id: version) else {
                printError("no mapping version \(version) in \(store.db) (see coursegate mapping status)")
                throw ExitCode(3)
            }
            let mapping: MappingFile
            do {
                mapping = try MappingHistory.parse(stored, kinds: AdapterRegistry.standard.kinds)
            } catch {
                printError("version \(version) (\(stored.path)) no longer reads as a mapping:\n\(error.description)")
                throw ExitCode.failure
            }
            try await MappingApplication(store: database, file: mapping, actor: "cli").apply(
                mode: mode, force: force, maxRevokeShare: maxRevokeShare, batchSize: batchSize)
            if let write {
                try stored.text.write(toFile: write, atomically: true, encoding: .utf8)
                print("wrote version \(version) to \(write)")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the mapping in force, earlier versions put in force, and any unfinished backfill.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let database = try store.open()
            let activations = try await database.activations(limit: 20)
            guard let active = activations.first else {
                print("no mapping has been put in force in \(store.db) yet (coursegate serve does at start-up)")
                return
            }
            print("in force: version \(active.version) (\(active.hash.prefix(12))) from \(active.path), \(active.mode.rawValue) by \(active.actor) at \(AccessText.date(active.at))")
            if let backfill = try await database.unfinishedBackfill() {
                print("unfinished backfill of version \(backfill.version): \(backfill.done) of \(backfill.total) customers; apply that version again to finish it")
            }
            let pinned = try await database.pinnedVersions()
            if !pinned.isEmpty {
                print("purchases still on the routes of: " + pinned.map { "version \($0.id)" }.joined(separator: ", ") + " (a backfill moves them)")
            }
            print("history (newest first):")
            for activation in activations {
                print("  version \(activation.version)  \(activation.hash.prefix(12))  \(activation.mode.rawValue)  \(activation.actor)  \(AccessText.date(activation.at))  \(activation.path)")
            }
        }
    }
}

/// Applying a mapping file to the store: guard rail, activation, backfill with progress.
struct MappingApplication {
    let store: SQLiteStore
    let file: MappingFile
    let actor: String

    func apply(mode: ApplyMode, force: Bool, maxRevokeShare: Double, batchSize: Int) async throws {
        let registered = try await store.register(file.mapping, hash: file.hash, path: file.path, text: file.text)
        var version = try await MappingHistory.withPinned(registered, store: store, kinds: AdapterRegistry.standard.kinds)
        version.outbox = OutboxTargets(file.outbound)
        if let unfinished = try await store.unfinishedBackfill() {
            guard unfinished.version == version.id else {
                printError("""
                    a backfill of version \(unfinished.version) stopped at \(unfinished.done) of \(unfinished.total) customers; \
                    apply that version again first (coursegate mapping rollback \(unfinished.version) --backfill) to finish it
                    """)
                throw ExitCode(4)
            }
            printError("resuming the backfill of version \(version.id) at \(unfinished.done) of \(unfinished.total) customers")
            try await run(unfinished, under: version, batchSize: batchSize)
            return
        }
        switch mode {
        case .newPurchasesOnly:
            let activation = try await store.activate(version, mode: .newPurchasesOnly, actor: actor, now: Date())
            print("version \(activation.version) (\(file.hash.prefix(12))) is in force for new purchases; existing purchases keep their routes")
        case .backfill:
            let diff = try await store.diff(to: version, now: Date())
            MappingDiffText.print(diff, file: file.path, sample: 5)
            if diff.lostShare > maxRevokeShare && !force {
                printError(String(format: """
                    refused: this would revoke %d of %d active accesses (%.1f%%), more than %.1f%%. \
                    Check the diff above; add --force to apply it anyway.
                    """, diff.lost, diff.activeBefore, diff.lostShare * 100, maxRevokeShare * 100))
                throw ExitCode.failure
            }
            let activation = try await store.activate(version, mode: .backfill, actor: actor, now: Date())
            guard let backfill = activation.backfill else { return }
            try await run(backfill, under: version, batchSize: batchSize)
        }
    }

    private func run(_ backfill: Backfill, under version: MappingVersion, batchSize: Int) async throws {
        let started = ContinuousClock.now
        let result = try await store.runBackfill(backfill, under: version, batchSize: batchSize, now: Date()) { progress in
            printError("backfill: \(progress.done) of \(progress.total) customers, \(progress.events) access changes")
        }
        let took = (ContinuousClock.now - started).components
        let seconds = Double(took.seconds) + Double(took.attoseconds) / 1e18
        print(String(format: "version %lld is in force: %d customers recomputed, %d access changes (%.1f s)",
                     version.id, result.done, result.events, seconds))
    }
}

/// How a diff reads in the terminal.
enum MappingDiffText {
    static func print(_ diff: MappingDiff, file: String, sample: Int) {
        Swift.print("\(file): \(diff.customers.count) of \(diff.customersChecked) customers would change; " +
                    "\(diff.gained) accesses gained, \(diff.lost) lost of \(diff.activeBefore) active" +
                    (diff.activeBefore > 0 ? String(format: " (%.1f%%)", diff.lostShare * 100) : ""))
        for (course, counts) in diff.courses.sorted(by: { $0.key < $1.key }) {
            Swift.print("  \(course): +\(counts.gained) gained, -\(counts.lost) lost, \(counts.changed) changed")
        }
        for change in diff.customers.prefix(sample) {
            let parts = change.gained.map { "+\($0)" } + change.lost.map { "-\($0)" } + change.changed.map { "~\($0)" }
            Swift.print("    \(change.email): \(parts.joined(separator: " "))")
        }
        if diff.customers.count > sample { Swift.print("    … and \(diff.customers.count - sample) more") }
    }
}
