import AccessStore
import Foundation
import Testing

@Suite("coursegate import")
struct ImportCommandTests {
    /// Customers of the example mapping: a course, a ThriveCart product, a SendOwl bundle with an expiry.
    static let file = """
        name,email,products,courses,expires_at
        Ann Example,ann@example.com,,web-basics,
        "Bob, Jr.",bob@example.com,tc-main:12;shop:bundle:880,,2030-01-31
        Cy,cy@example.com,,css-mastery;js-deep-dive,2031-06-01T12:30:00Z

        """

    static func write(_ text: String) throws -> String {
        let path = CLI.temporaryFile("import.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("imports every row, shows progress with the rate on standard error, and a second run changes nothing")
    func importsWithProgress() async throws {
        let db = CLI.temporaryFile("import.sqlite")
        let csv = try Self.write(Self.file)
        let first = try CLI.run(["import", csv, "--db", db])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("3 rows imported: 3 created, 0 updated, 0 unchanged"))
        #expect(first.errors.contains("imported 3 of 3 rows (100%)"))
        #expect(first.errors.contains("rows/s"))
        let bob = try #require(try await SQLiteStore(path: db).customer(email: "bob@example.com"))
        let courses = try await SQLiteStore(path: db).access(customerID: bob.id).map(\.course).sorted()
        #expect(courses == ["css-mastery", "web-basics"])

        let second = try CLI.run(["import", csv, "--db", db])
        #expect(second.status == 0, "\(second.errors)")
        #expect(second.output.contains("3 rows imported: 0 created, 0 updated, 3 unchanged"))
    }

    @Test("only customers the import creates get the welcome mail, one per course; an existing one added to and a second run get none")
    func welcomesNewCustomersOnly() async throws {
        let db = CLI.temporaryFile("import.sqlite")
        let config = CLI.temporaryFile("mail.yaml")
        let example = try String(contentsOf: CLI.repository.appendingPathComponent("Examples/coursegate.yaml"), encoding: .utf8)
        try (example + "mail:\n  server: smtp://127.0.0.1:9\n  from: School <team@school.example.com>\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["customers", "add", "--email", "ann@example.com", "--course", "web-basics", "--config", config, "--db", db])
            .status == 0)
        let store = try SQLiteStore(path: db)
        func welcomes() async throws -> [String] {
            try await store.deliveries(status: nil, limit: 100).filter { $0.topic == "mail.welcome" }
                .map { "\($0.payload.customerEmail) \($0.course ?? "?")" }.sorted()
        }
        #expect(try await welcomes() == ["ann@example.com web-basics"])

        let csv = try Self.write("""
            email,courses
            ann@example.com,css-mastery
            bob@example.com,web-basics;css-mastery

            """)
        let first = try CLI.run(["import", csv, "--config", config, "--db", db])
        #expect(first.output.contains("2 rows imported: 1 created, 1 updated, 0 unchanged"), "\(first.output) \(first.errors)")
        #expect(try await welcomes() == ["ann@example.com web-basics", "bob@example.com css-mastery", "bob@example.com web-basics"])

        let second = try CLI.run(["import", csv, "--config", config, "--db", db])
        #expect(second.output.contains("2 rows imported: 0 created, 0 updated, 2 unchanged"), "\(second.output) \(second.errors)")
        #expect(try await welcomes().count == 3)
    }

    @Test("a dry run says what would change and records nothing")
    func dryRun() async throws {
        let db = CLI.temporaryFile("import.sqlite")
        let result = try CLI.run(["import", try Self.write(Self.file), "--dry-run", "--db", db])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("dry run: 3 rows would import: 3 created, 0 updated, 0 unchanged; nothing was recorded"))
        #expect(try await SQLiteStore(path: db).customer(email: "ann@example.com") == nil)
    }

    @Test("refused rows are printed as FILE:LINE: reason, exit 1, and nothing of the file is imported")
    func refusedRows() async throws {
        let db = CLI.temporaryFile("import.sqlite")
        let csv = try Self.write("""
            email,products,courses
            ann@example.com,,web-basics
            bob@,,web-basics
            cy@example.com,tc-main:product:404,
            dee@example.com,,cooking
            """)
        let result = try CLI.run(["import", csv, "--db", db])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(csv):3: email: bob@ is not an email address"))
        #expect(result.errors.contains("\(csv):4: products: tc-main:product:404: no route for product 404 on tc-main in the mapping"))
        #expect(result.errors.contains("\(csv):5: courses: no course cooking in the mapping"))
        #expect(result.errors.contains("3 of 4 rows refused; nothing was imported"))
        #expect(try await SQLiteStore(path: db).customer(email: "ann@example.com") == nil)
    }

    @Test("a file that cannot be read is named")
    func missingFile() throws {
        let result = try CLI.run(["import", "/nonexistent/customers.csv", "--db", CLI.temporaryFile("import.sqlite")])
        #expect(result.status == 1)
        #expect(result.errors.contains("/nonexistent/customers.csv: cannot read it"))
    }
}
