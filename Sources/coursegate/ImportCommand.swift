import ArgumentParser
import Foundation
import Gateway
import Synchronization

/// `coursegate import FILE`: customers from CSV, all rows or none.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import customers from a CSV file.",
        discussion: """
            The header names the columns, in any order and any case: \
            name,email,products,courses,expires_at. Products and courses are lists separated \
            by `;`; a product is INSTANCE:KIND:ID[:PRICING_OPTION] or INSTANCE:ID and must be \
            routed by the mapping; expires_at is optional (2027-01-31 or 2027-01-31T12:00:00Z).

            Every row is checked first; when any is refused, each is printed as FILE:LINE: \
            reason, nothing is imported, and the exit code is 1. Importing a file again \
            changes nothing: rows already imported count as unchanged. New customers get the \
            welcome mail. Progress goes to standard error.
            """)

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "FILE"))
    var file: String

    @Flag(help: "Check the file and count what would change, without recording anything.")
    var dryRun = false

    @OptionGroup var support: SupportOptions

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            printError("\(file): cannot read it as UTF-8 text (\(error.localizedDescription))")
            throw ExitCode.failure
        }
        let context = try await support.open()
        let progress = ImportProgress(verb: dryRun ? "checked" : "imported")
        let report = try await context.perform {
            try await $0.importCSV(text, dryRun: dryRun, by: SupportContext.actor) { done, total in progress.report(done, total) }
        }
        for error in report.errors { printError("\(file):\(error.row): \(error.reason)") }
        guard report.errors.isEmpty else {
            let refused = report.rows == 0 ? "refused" : "\(report.errors.count) of \(report.rows) rows refused"
            printError("\(file): \(refused); nothing was imported (a file is imported whole or not at all)")
            throw ExitCode.failure
        }
        let counts = "\(report.created) created, \(report.updated) updated, \(report.unchanged) unchanged"
        print(dryRun ? "dry run: \(report.rows) rows would import: \(counts); nothing was recorded"
              : "\(report.rows) rows imported: \(counts)")
    }
}

/// Prints an import's progress to standard error: at most about a hundred lines, at least
/// every 5,000 rows, and the last, with the rate.
final class ImportProgress: Sendable {
    private let verb: String
    private let start = ContinuousClock.now
    private let printed = Mutex(0)

    init(verb: String) { self.verb = verb }

    func report(_ done: Int, _ total: Int) {
        if done == 0 {
            printError("\(total) rows read and checked in \(String(format: "%.1f", seconds)) s")
            return
        }
        let step = max(1, min(5_000, total / 100))
        let due = printed.withLock { last in
            guard done == total || done - last >= step else { return false }
            last = done
            return true
        }
        guard due else { return }
        let seconds = seconds
        let rate = seconds > 0 ? Int(Double(done) / seconds) : done
        let percent = total > 0 ? done * 100 / total : 100
        printError("\(verb) \(done) of \(total) rows (\(percent)%), \(rate) rows/s, \(String(format: "%.1f", seconds)) s")
    }

    private var seconds: Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
