import ArgumentParser
import Foundation
import Gateway

/// `coursegate export --course C`: a course's customers as CSV.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a course's customers as CSV.",
        discussion: """
            Columns: email,name,status,expires_at,sources,granted_at,changed_at. Status is \
            active, revoked or expired; revoked customers are included. Dates are ISO 8601 in \
            UTC. A cell a spreadsheet would run as a formula (starting with =, +, -, @) gets a \
            leading ' so it shows as text.
            """)

    @Option(help: "The course id, as in the mapping file.")
    var course: String

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    @OptionGroup var support: SupportOptions

    func run() async throws {
        let context = try await support.open()
        let csv = try await context.perform { try await $0.exportCSV(course: course) }
        guard let output else {
            FileHandle.standardOutput.write(Data(csv.utf8))
            return
        }
        do {
            try csv.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            printError("\(output): cannot write it (\(error.localizedDescription))")
            throw ExitCode.failure
        }
        let rows = max(0, ((try? CSVReader.records(csv))?.count ?? 1) - 1)
        printError("exported \(rows) customers of \(course) to \(output)")
    }
}
