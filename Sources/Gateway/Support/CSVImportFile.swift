import AccessKernel
import Foundation

/// An import file read whole and checked row by row before anything is recorded: the rows
/// to import, the rows that repeat an earlier one, and every refused row with its line.
struct CSVImportFile: Sendable {
    /// Rows to import, one per email.
    var rows: [CSVImportRow] = []
    /// Data rows in the file.
    var count = 0
    /// Rows identical to an earlier row of the file (nothing more to do for them).
    var repeated = 0
    var errors: [ImportReport.RowError] = []

    /// Reads `csv` against the mapping.
    init(_ csv: String, mapping: Mapping) {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(csv)
        } catch {
            errors = [ImportReport.RowError(row: error.line, reason: "not CSV: \(error.reason); nothing was read")]
            return
        }
        guard let header = records.first else {
            errors = [ImportReport.RowError(row: 1, reason: "the file is empty; it needs the header \(CSVImportColumns.names.joined(separator: ","))")]
            return
        }
        let columns: CSVImportColumns
        do {
            columns = try CSVImportColumns(header: header.fields)
        } catch {
            errors = error.reasons.map { ImportReport.RowError(row: header.line, reason: "header: \($0)") }
            return
        }
        let reader = CSVImportRowReader(mapping: mapping, columns: columns)
        var seen: [String: CSVImportRow] = [:]
        count = records.count - 1
        rows.reserveCapacity(count)
        for record in records.dropFirst() {
            switch reader.read(record) {
            case .failure(let problems):
                errors.append(ImportReport.RowError(row: record.line, reason: problems.reasons.joined(separator: "; ")))
            case .success(let row):
                if let earlier = seen[row.email] {
                    if earlier.fullContent == row.fullContent {
                        repeated += 1
                    } else {
                        errors.append(ImportReport.RowError(row: record.line, reason: """
                            email: \(row.email) is also on line \(earlier.line) with other products, courses, name or \
                            expiry; put them in one row
                            """))
                    }
                    continue
                }
                seen[row.email] = row
                rows.append(row)
            }
        }
    }
}
