import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Imports `csv` (header `name,email,products,courses,expires_at`; see the README): all
    /// rows or, where any row is refused, none; idempotent; `progress` told the rows done.
    public func importCSV(_ csv: String, dryRun: Bool, by actor: String,
                          progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        throw Self.notYet("import")
    }

    /// A course's customers as CSV with status, expiry, sources and dates; spreadsheet
    /// formulas neutralised.
    public func exportCSV(course: String) async throws -> String { throw Self.notYet("export") }
}
