import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Rows recorded per call to the recorder (one transaction each).
    static let importBatch = 500

    /// Imports `csv` (header `name,email,products,courses,expires_at`; see the README): all
    /// rows or, where any row is refused, none; idempotent; `progress` told the rows done
    /// (0 once every row is read and checked, then after each batch).
    ///
    /// Every row is checked before the first is recorded. The rows are then recorded in
    /// batches; should the import stop half-way (a crash), importing the file again records
    /// the rest, as the rows already in are duplicates.
    public func importCSV(_ csv: String, dryRun: Bool, by actor: String,
                          progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ImportReport {
        let file = CSVImportFile(csv, mapping: mapping.mapping)
        var report = ImportReport(dryRun: dryRun, rows: file.count, created: 0, updated: 0, unchanged: file.repeated,
                                  errors: file.errors)
        guard file.errors.isEmpty else { return report }
        progress(0, file.count)
        let now = Date()
        var start = 0
        while start < file.rows.count {
            let batch = file.rows[start..<min(start + Self.importBatch, file.rows.count)]
            let facts = batch.map { $0.facts(actor: actor, now: now) }
            let counts = dryRun ? try await wouldImport(batch, facts: facts) : try await record(facts)
            report.created += counts.created
            report.updated += counts.updated
            report.unchanged += counts.unchanged
            start += batch.count
            // Rows repeating an earlier one need nothing: they count as done with the last batch.
            progress(start == file.rows.count ? file.count : start, file.count)
        }
        if file.rows.isEmpty, file.count > 0 { progress(file.count, file.count) }
        return report
    }

    /// A course's customers as CSV with status, expiry, sources and dates; spreadsheet
    /// formulas neutralised.
    public func exportCSV(course: String) async throws -> String {
        guard mapping.mapping.courses[course] != nil else {
            throw SupportError(.notFound, "no course \(course) in the mapping", field: "course")
        }
        var text = CSVWriter.line(CSVExportLine.header)
        let pageSize = 1000
        var after: Int64?
        while true {
            let members = try await store.courseMembers(course: course, status: nil, limit: pageSize, after: after)
            for member in members {
                let facts = try await store.facts(customerID: member.customer.id).map(\.fact)
                text += CSVWriter.line(CSVExportLine(member: member, facts: facts).cells)
            }
            guard members.count == pageSize, let last = members.last else { break }
            after = last.customer.id
        }
        return text
    }

    /// How many rows created a customer, added to one, or changed nothing.
    struct ImportCounts {
        var created = 0, updated = 0, unchanged = 0
    }

    /// Records one batch of rows' facts and counts what each row did. Facts the store has
    /// already (a file imported before) are left out first, so a second import only reads.
    private func record(_ facts: [[Fact]]) async throws -> ImportCounts {
        let stored = try await store.storedKeys(among: facts.flatMap { $0.map(\.key) })
        let fresh = facts.map { $0.filter { !stored.contains($0.key) } }
        var counts = ImportCounts()
        counts.unchanged = fresh.filter(\.isEmpty).count
        let toRecord = fresh.filter { !$0.isEmpty }
        guard !toRecord.isEmpty else { return counts }
        let outcome = try await recorder.record(toRecord.flatMap { $0 })
        let new = Set(outcome.newCustomers)
        var index = 0
        for rowFacts in toRecord {
            let results = outcome.results[index..<index + rowFacts.count]
            index += rowFacts.count
            let customers = results.compactMap { result -> Int64? in
                if case .recorded(let id) = result { id } else { nil }
            }
            if customers.isEmpty {
                counts.unchanged += 1
            } else if customers.contains(where: new.contains) {
                counts.created += 1
            } else {
                counts.updated += 1
            }
        }
        return counts
    }

    /// What recording one batch would do, asking the store which keys and emails it knows.
    private func wouldImport(_ rows: ArraySlice<CSVImportRow>, facts: [[Fact]]) async throws -> ImportCounts {
        let stored = try await store.storedKeys(among: facts.flatMap { $0.map(\.key) })
        var counts = ImportCounts()
        for (row, rowFacts) in zip(rows, facts) {
            if rowFacts.allSatisfy({ stored.contains($0.key) }) {
                counts.unchanged += 1
            } else if try await store.customer(email: row.email) != nil {
                counts.updated += 1
            } else {
                counts.created += 1
            }
        }
        return counts
    }
}
