import AccessStore
import Foundation
import Hummingbird

extension AdminPages {
    /// The largest CSV the import form reads.
    static let maxImport = 8 << 20

    /// CSV import (a dry-run preview with every row, then apply) and export per course.
    func addCSV(to router: Router<BasicRequestContext>) {
        page(router, "/admin/import") { visit in
            render("admin/import", ["csv": "", "header": CSVImportColumns.names.joined(separator: ",")], visit: visit, title: "Import customers", nav: "import")
        }
        router.post("/admin/import") { request, context in
            guard let (token, session) = try await signedIn(request) else { return WebPages.redirect(to: "/admin/login") }
            let form = try await FormFields.read(request, limit: Self.maxImport)
            guard RandomToken.matches(form["csrf"], session.csrf) else { return forbidden() }
            let visit = AdminVisit(request: request, context: context, token: token, session: session, form: form)
            let csv = form.raw("csv") ?? ""
            let apply = form["apply"] != nil
            do {
                let report = try await supportDesk().importCSV(csv, dryRun: !apply, by: visit.actor)
                return render("admin/import", importData(csv, report: report), visit: visit,
                              title: apply ? "Import applied" : "Import preview", nav: "import")
            } catch let error as SupportError {
                return render("admin/import", ["csv": csv, "error": error.description, "header": CSVImportColumns.names.joined(separator: ",")],
                              visit: visit, title: "Import customers", nav: "import", status: .unprocessableContent)
            }
        }
        page(router, "/admin/export/{course}") { visit in
            let course = visit.parameter("course").replacingOccurrences(of: ".csv", with: "")
            let csv = try await supportDesk().exportCSV(course: course)
            var headers = WebPages.securityHeaders(contentType: "text/csv; charset=utf-8")
            headers[.contentDisposition] = "attachment; filename=\"\(course.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }).csv\""
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    /// The preview or the report: the rows as read, each with its problem if any.
    private func importData(_ csv: String, report: ImportReport) -> [String: Any] {
        let records = (try? CSVReader.records(csv)) ?? []
        let header = records.first?.fields ?? []
        let problems = Dictionary(report.errors.map { ($0.row, $0.reason) }, uniquingKeysWith: { "\($0); \($1)" })
        let rows = records.dropFirst().map { record -> [String: Any] in
            let line = record.line
            return ["line": line, "cells": record.fields.map { ["value": $0] }, "problem": problems[line] ?? "", "bad": problems[line] != nil]
        }
        return ["csv": csv, "header": CSVImportColumns.names.joined(separator: ","), "report": [
            "dryRun": report.dryRun, "rows": report.rows, "created": report.created, "updated": report.updated,
            "unchanged": report.unchanged, "errors": report.errors.count, "ok": report.errors.isEmpty,
            "canApply": report.dryRun && report.errors.isEmpty && report.rows > 0,
        ], "columns": header.map { ["name": $0] }, "rows": rows]
    }
}
