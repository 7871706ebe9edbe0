import AccessStore
import Foundation
import Hummingbird

extension AdminAPI {
    /// The largest CSV import accepted (about a million rows).
    static let maxImportSize = 64 << 20

    /// Importing customers from CSV and exporting a course's customers as CSV.
    var transferRoutes: [AdminRoute] {
        [
            AdminRoute(.post, "/v1/imports", scope: .admin) { request in
                let dryRun = try request.flag("dry_run")
                let bytes = try await request.bytes(upTo: Self.maxImportSize)
                guard let csv = String(validating: bytes, as: UTF8.self) else {
                    throw SupportError(.invalid, "the CSV is not UTF-8 text", field: "body")
                }
                let report = try await supportDesk().importCSV(csv, dryRun: dryRun, by: request.actor)
                guard report.errors.isEmpty else {
                    let rows = report.errors.prefix(5).map { "row \($0.row): \($0.reason)" }.joined(separator: "; ")
                    return try SupportError(.invalid, "\(report.errors.count) rows refused, nothing imported: \(rows)",
                                            field: "body").response(report: report)
                }
                return try AdminJSON.response(report)
            },
            AdminRoute(.get, "/v1/courses/{course}/export.csv", scope: .read) { request in
                let course = try knownCourse(request.parameter("course"))
                let csv = try await supportDesk().exportCSV(course: course)
                return Response(status: .ok, headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"\(course)-customers.csv\"",
                ], body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
            },
        ]
    }
}
