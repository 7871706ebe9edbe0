import AccessKernel
import AccessStore
import Foundation
import Gateway
import MappingConfig
import Synchronization
import Testing

@Suite("CSV reading and writing")
struct CSVReaderWriterTests {
    @Test("quoted fields keep commas, line breaks and doubled quotes; records say the line they start on")
    func quotedFields() throws {
        let records = try CSVReader.records("a,b,c\n\"x, y\",\"two\nlines\",\"say \"\"hi\"\"\"\nlast,,\n")
        #expect(records == [
            CSVReader.Record(line: 1, fields: ["a", "b", "c"]),
            CSVReader.Record(line: 2, fields: ["x, y", "two\nlines", "say \"hi\""]),
            CSVReader.Record(line: 4, fields: ["last", "", ""]),
        ])
    }

    @Test("a byte-order mark, CRLF line ends, blank lines and a missing last line end are tolerated")
    func bomAndCRLF() throws {
        let records = try CSVReader.records("\u{FEFF}email,name\r\n\r\nann@example.com,Ann\r\nbob@example.com,Bob")
        #expect(records.map(\.fields) == [["email", "name"], ["ann@example.com", "Ann"], ["bob@example.com", "Bob"]])
        #expect(records.map(\.line) == [1, 3, 4])
    }

    @Test("a quote never closed is refused with the line it opened on")
    func unclosedQuote() {
        #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("a,b\n1,\"open\n2,3\n") }
        do {
            _ = try CSVReader.records("a,b\n1,\"open\n2,3\n")
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test("cells with commas, quotes or line breaks are quoted; lines end in CRLF; what is written reads back")
    func writesRFC4180() throws {
        let line = CSVWriter.line(["plain", "a,b", "say \"hi\"", "two\nlines"])
        #expect(line == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
        #expect(try CSVReader.records(line).map(\.fields) == [["plain", "a,b", "say \"hi\"", "two\nlines"]])
    }

    @Test("cells a spreadsheet would run as a formula get a leading quote", arguments: [
        ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"), ("+1+1", "'+1+1"), ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("ann@example.com", "ann@example.com"),
        ("", ""),
    ])
    func neutralises(cell: String, expected: String) {
        #expect(CSVWriter.neutralised(cell) == expected)
    }
}

@Suite("Support desk: CSV import and export")
struct SupportCSVTests {
    @Test("a valid file is imported: customers created with their courses, products through the routes, and expiry")
    func importsValidFile() async throws {
        let desk = try await CSVDesk.make()
        let report = try await desk.desk.importCSV(CSVDesk.validFile, dryRun: false, by: "import")
        #expect(report == ImportReport(dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0, errors: []))
        let ann = try #require(try await desk.store.customer(email: "ann@example.com"))
        #expect(ann.name == "Ann Example")
        #expect(try await desk.status(of: "ann@example.com") == ["web-basics": .active(until: nil)])
        #expect(try await desk.status(of: "bob@example.com") == [
            "web-basics": .active(until: CSVDesk.date("2030-01-31T00:00:00Z")),
            "css-mastery": .active(until: CSVDesk.date("2030-01-31T00:00:00Z")),
        ])
        #expect(try await desk.status(of: "cy@example.com") == ["css-mastery": .active(until: CSVDesk.date("2031-06-01T12:30:00Z"))])
    }

    @Test("a dry run counts what would change and records nothing")
    func dryRun() async throws {
        let desk = try await CSVDesk.make()
        _ = try await desk.desk.importCSV("email,courses\nann@example.com,css-mastery\n", dryRun: false, by: "import")
        let report = try await desk.desk.importCSV(CSVDesk.validFile, dryRun: true, by: "import")
        #expect(report == ImportReport(dryRun: true, rows: 3, created: 2, updated: 1, unchanged: 0, errors: []))
        #expect(try await desk.store.customer(email: "bob@example.com") == nil)
        #expect(try await desk.store.customer(email: "cy@example.com") == nil)
    }

    @Test("refused rows are reported by line with every reason, and nothing of the file is applied")
    func refusedRowsApplyNothing() async throws {
        let desk = try await CSVDesk.make()
        let report = try await desk.desk.importCSV(CSVDesk.fileWithErrors, dryRun: false, by: "import")
        #expect(report.errors == [
            ImportReport.RowError(row: 5, reason: "email: not-an-email is not an email address"),
            ImportReport.RowError(row: 6, reason: "courses: no course cooking in the mapping"),
            ImportReport.RowError(row: 7, reason: "products: probe-main:product:99: no route for product 99 on probe-main in the mapping"),
            ImportReport.RowError(row: 8, reason: "expires_at: next week is not a date (2027-01-31 or 2027-01-31T12:00:00Z)"),
            ImportReport.RowError(row: 9, reason: "products, courses: the row gives no product and no course"),
            ImportReport.RowError(row: 10, reason: "email: ann@example.com is also on line 2 with other products, courses, name or expiry; put them in one row"),
            ImportReport.RowError(row: 11, reason: "3 fields where the header has 5"),
            ImportReport.RowError(row: 12, reason: "courses: draft is not published"),
        ])
        #expect(report.created == 0 && report.updated == 0)
        #expect(try await desk.store.customer(email: "ann@example.com") == nil)
        #expect(try await desk.store.customer(email: "dee@example.com") == nil)
    }

    @Test("a header without an email column is refused on line 1")
    func badHeader() async throws {
        let desk = try await CSVDesk.make()
        let report = try await desk.desk.importCSV("name,mail,courses\nAnn,ann@example.com,web-basics\n", dryRun: false, by: "import")
        #expect(report.errors.map(\.row) == [1, 1])
        #expect(report.errors.contains { $0.reason.contains("unknown column mail") })
    }

    @Test("an empty column (a spreadsheet's trailing comma) is ignored")
    func trailingEmptyColumn() async throws {
        let desk = try await CSVDesk.make()
        let report = try await desk.desk.importCSV("email,courses,\nann@example.com,web-basics,\n", dryRun: false, by: "import")
        #expect(report == ImportReport(dryRun: false, rows: 1, created: 1, updated: 0, unchanged: 0, errors: []))
    }

    @Test("importing the same file again changes nothing and counts every row unchanged")
    func idempotent() async throws {
        let desk = try await CSVDesk.make()
        _ = try await desk.desk.importCSV(CSVDesk.validFile, dryRun: false, by: "import")
        let factsBefore = try await desk.store.facts(customerID: try await desk.desk.customerIDForTest("bob@example.com")).count
        let again = try await desk.desk.importCSV(CSVDesk.validFile, dryRun: false, by: "import")
        #expect(again == ImportReport(dryRun: false, rows: 3, created: 0, updated: 0, unchanged: 3, errors: []))
        let dry = try await desk.desk.importCSV(CSVDesk.validFile, dryRun: true, by: "import")
        #expect(dry.unchanged == 3)
        #expect(try await desk.store.facts(customerID: try await desk.desk.customerIDForTest("bob@example.com")).count == factsBefore)
    }

    @Test("a row adding to a customer who exists counts as updated; an identical row twice in a file is done once")
    func updatesAndRepeats() async throws {
        let desk = try await CSVDesk.make()
        _ = try await desk.desk.importCSV("email,courses\nann@example.com,web-basics\n", dryRun: false, by: "import")
        let report = try await desk.desk.importCSV("""
            email,courses
            ann@example.com,css-mastery
            bob@example.com,css-mastery
            BOB@example.com,css-mastery
            """, dryRun: false, by: "import")
        #expect(report == ImportReport(dryRun: false, rows: 3, created: 1, updated: 1, unchanged: 1, errors: []))
        #expect(try await desk.status(of: "ann@example.com").keys.sorted() == ["css-mastery", "web-basics"])
    }

    @Test("progress is told once the file is checked, then after each batch, ending with every row")
    func progress() async throws {
        let desk = try await CSVDesk.make()
        let rows = (1...1_200).map { "customer\($0)@example.com,web-basics" }
        let seen = Mutex<[Int]>([])
        let report = try await desk.desk.importCSV((["email,courses"] + rows).joined(separator: "\n"), dryRun: false,
                                                   by: "import") { done, total in
            #expect(total == 1_200)
            seen.withLock { $0.append(done) }
        }
        #expect(report.created == 1_200)
        #expect(seen.withLock { $0 } == [0, 500, 1_000, 1_200])
    }

    @Test("the export lists every member with status, expiry and sources; revoked and expired ones included")
    func exportsStatuses() async throws {
        let desk = try await CSVDesk.make()
        _ = try await desk.desk.importCSV("""
            name,email,courses,expires_at
            Ann,ann@example.com,web-basics,
            Bob,bob@example.com,web-basics,2020-01-01
            Cy,cy@example.com,web-basics,2031-06-01T12:30:00Z
            """, dryRun: false, by: "import")
        try await desk.revoke("cy@example.com", course: "web-basics")
        let csv = try await desk.desk.exportCSV(course: "web-basics")
        let records = try CSVReader.records(csv).map(\.fields)
        #expect(records.first == ["email", "name", "status", "expires_at", "sources", "granted_at", "changed_at"])
        let byEmail = Dictionary(records.dropFirst().map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byEmail.count == 3)
        #expect(byEmail["ann@example.com"]?[2] == "active")
        #expect(byEmail["ann@example.com"]?[3] == "")
        #expect(byEmail["ann@example.com"]?[4] == "import by import")
        #expect(byEmail["bob@example.com"]?[2] == "expired")
        #expect(byEmail["bob@example.com"]?[3] == "2020-01-01T00:00:00Z")
        #expect(byEmail["cy@example.com"]?[2] == "revoked")
        #expect(byEmail["cy@example.com"]?[4].contains("revoke by support") == true)
        #expect(byEmail["ann@example.com"]?[5].isEmpty == false)
    }

    @Test("cells a spreadsheet would run are neutralised in the export")
    func exportNeutralises() async throws {
        let desk = try await CSVDesk.make()
        _ = try await desk.desk.importCSV("""
            name,email,courses
            "=HYPERLINK(""http://evil.example"",""click"")",ann@example.com,web-basics
            @SUM(A1),bob@example.com,web-basics
            """, dryRun: false, by: "import")
        let csv = try await desk.desk.exportCSV(course: "web-basics")
        let names = try CSVReader.records(csv).dropFirst().map { $0.fields[1] }.sorted()
        #expect(names == ["'=HYPERLINK(\"http://evil.example\",\"click\")", "'@SUM(A1)"])
    }

    @Test("exporting a course the mapping does not have is not found")
    func exportUnknownCourse() async throws {
        let desk = try await CSVDesk.make()
        await #expect {
            try await desk.desk.exportCSV(course: "cooking")
        } throws: { error in
            (error as? SupportError)?.kind == .notFound && (error as? SupportError)?.field == "course"
        }
    }
}

/// A support desk over a fresh SQLite file, recording straight into it as the CLI does.
struct CSVDesk {
    let store: SQLiteStore
    let desk: SupportDesk

    /// Two courses; product 12 opens web-basics, bundle 880 both.
    static let mappingText = """
        courses:
          web-basics:
            title: Web Basics
          css-mastery:
            title: CSS Mastery
          draft:
            title: Coming soon
            published: false
        instances:
          probe-main:
            kind: probe
            secrets:
              token: env:PROBE_TOKEN
        routes:
          - instance: probe-main
            product: "12"
            courses: [web-basics]
          - instance: probe-main
            bundle: "880"
            courses: [web-basics, css-mastery]
        """

    /// Three good rows: a course, a product and a bundle with a date, a course with a date-time.
    static let validFile = """
        Name,EMAIL,products,courses,expires_at\r
        Ann Example,ann@example.com,,web-basics,\r
        "Bob, Jr.",Bob@Example.com,probe-main:12;probe-main:bundle:880,,2030-01-31\r
        Cy,cy@example.com,,css-mastery,2031-06-01T12:30:00Z\r

        """

    /// A good row, a quoted name over two lines, then one fault per row.
    static let fileWithErrors = """
        name,email,courses,products,expires_at
        Ann,ann@example.com,web-basics,,
        "Dee
        Two",dee@example.com,css-mastery,,
        X,not-an-email,web-basics,,
        X,x1@example.com,cooking,,
        X,x2@example.com,,probe-main:product:99,
        X,x3@example.com,web-basics,,next week
        X,x4@example.com,,,
        Ann,ann@example.com,css-mastery,,
        X,x5@example.com,web-basics
        X,x6@example.com,draft,,
        """

    static func make() async throws -> CSVDesk {
        let store = try SQLiteStore(path: GatewayHarness.temporaryPath("csv.sqlite"))
        let file = try MappingFile.parse(mappingText, path: "test.yaml", kinds: GatewayHarness.registry.kinds,
                                         environment: ["PROBE_TOKEN": ProbeDelivery.token])
        let version = try await store.register(file.mapping, hash: file.hash, path: file.path, text: file.text)
        return CSVDesk(store: store, desk: SupportDesk(store: store, mapping: version,
                                                       recorder: StoreRecorder(store: store, mapping: version)))
    }

    static func date(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }

    /// Each course's status for the customer with `email`.
    func status(of email: String) async throws -> [String: AccessStatus] {
        let id = try await desk.customerIDForTest(email)
        return Dictionary(try await store.access(customerID: id).map { ($0.course, $0.state.status) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// An admin revoke recorded as a fact, as support's revoke does.
    func revoke(_ email: String, course: String) async throws {
        let fact = Fact(key: FactKey("test:revoke:\(UUID().uuidString)"), instance: .admin, occurredAt: Date(),
                        customer: CustomerRef(email: email),
                        event: .admin(AdminAction(actor: "support", action: .revoke(course: course, message: nil))))
        _ = try await desk.recorder.record([fact])
    }
}

extension SupportDesk {
    /// The customer with `email`, straight from the store (the import tests do not lean on search).
    func customerIDForTest(_ email: String) async throws -> Int64 {
        try #require(try await store.customer(email: email)).id
    }
}
