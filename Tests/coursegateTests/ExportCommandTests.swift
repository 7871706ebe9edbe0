import Foundation
import Testing

@Suite("coursegate export")
struct ExportCommandTests {
    @Test("exports a course's customers to a file that reads back, revoked ones with status revoked, formulas neutralised")
    func exportsToFile() throws {
        let db = CLI.temporaryFile("export.sqlite")
        let csv = try ImportCommandTests.write("""
            name,email,courses,expires_at
            Ann,ann@example.com,web-basics,
            =cmd|' /C calc'!A0,bob@example.com,web-basics,2030-01-31
            """)
        #expect(try CLI.run(["import", csv, "--db", db]).status == 0)
        let revoke = try CLI.run(["customers", "revoke", "ann@example.com", "--course", "web-basics", "--message", "Paused", "--db", db])
        #expect(revoke.status == 0, "\(revoke.errors)")

        let output = CLI.temporaryFile("export.csv")
        let result = try CLI.run(["export", "--course", "web-basics", "--output", output, "--db", db])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("exported 2 customers of web-basics to \(output)"))
        let lines = try String(contentsOfFile: output, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "email,name,status,expires_at,sources,granted_at,changed_at")
        let ann = try #require(lines.first { $0.hasPrefix("ann@example.com,") })
        #expect(ann.hasPrefix("ann@example.com,Ann,revoked,,"))
        let bob = try #require(lines.first { $0.hasPrefix("bob@example.com,") })
        #expect(bob.hasPrefix("bob@example.com,'=cmd|' /C calc'!A0,active,2030-01-31T00:00:00Z,import by cli,"))
    }

    @Test("writes to standard output without --output")
    func exportsToStandardOutput() throws {
        let db = CLI.temporaryFile("export.sqlite")
        #expect(try CLI.run(["import", try ImportCommandTests.write("email,courses\nann@example.com,css-mastery\n"), "--db", db]).status == 0)
        let result = try CLI.run(["export", "--course", "css-mastery", "--db", db])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("email,name,status,expires_at,sources,granted_at,changed_at\r\nann@example.com,,active,,"))
    }

    @Test("an unknown course exits 3 naming the field")
    func unknownCourse() throws {
        let result = try CLI.run(["export", "--course", "cooking", "--db", CLI.temporaryFile("export.sqlite")])
        #expect(result.status == 3)
        #expect(result.errors.contains("course: no course cooking in the mapping"))
    }
}
