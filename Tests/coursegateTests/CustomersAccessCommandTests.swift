import AccessKernel
import AccessStore
import Foundation
import Testing

/// `coursegate customers access|expiry|list`: setting what a customer has, their expiry on
/// one course, and a course's customers by status, against a temporary database.
@Suite("coursegate customers: access rights, expiry and a course's customers")
struct CustomersAccessCommandTests {
    static func date(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

    @Test("access grants what is named and missing, revokes what is not named, prints each change, and the store answers the new access")
    func setAccess() async throws {
        let db = CLI.temporaryFile("customers.sqlite")
        #expect(try CLI.run(["customers", "add", "--email", "ann@example.com", "--course", "web-basics", "--db", db]).status == 0)

        let access = try CLI.run(["customers", "access", "ann@example.com", "--course", "css-mastery", "--product", "tc-main:bump:12",
                                  "--db", db])
        #expect(access.status == 0, "\(access.errors)")
        #expect(access.output == "bonus-toolkit: none → active\ncss-mastery: none → active\nweb-basics: active → revoked\n",
                "\(access.output)")
        let store = try SQLiteStore(path: db)
        #expect(try await store.accessStatus(email: "ann@example.com", course: "web-basics").status == .revoked(.manual(message: nil)))
        for course in ["css-mastery", "bonus-toolkit"] {
            #expect(try await store.accessStatus(email: "ann@example.com", course: course).status == .active(until: nil), "\(course)")
        }

        let again = try CLI.run(["customers", "access", "ann@example.com", "--course", "css-mastery", "--product", "tc-main:bump:12",
                                 "--db", db])
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output == "no access changed\n", "the same selection twice records nothing: \(again.output)")
    }

    @Test("access refuses an unknown course (exit 1, naming the field) and an unknown customer (exit 3), changing nothing")
    func setAccessRefusals() async throws {
        let db = CLI.temporaryFile("customers.sqlite")
        #expect(try CLI.run(["customers", "add", "--email", "ann@example.com", "--course", "web-basics", "--db", db]).status == 0)
        let unknownCourse = try CLI.run(["customers", "access", "ann@example.com", "--course", "cooking", "--db", db])
        #expect(unknownCourse.status == 1)
        #expect(unknownCourse.errors.contains("courses[0]: no course cooking in the mapping"), "\(unknownCourse.errors)")
        #expect(try await SQLiteStore(path: db).accessStatus(email: "ann@example.com", course: "web-basics").status == .active(until: nil))
        let unknownCustomer = try CLI.run(["customers", "access", "nobody@example.com", "--course", "web-basics", "--db", db])
        #expect(unknownCustomer.status == 3)
        #expect(unknownCustomer.errors.contains("nobody@example.com"), "\(unknownCustomer.errors)")
    }

    @Test("expiry sets, changes and removes one course's expiry; a date in the past ends the access now")
    func expiry() async throws {
        let db = CLI.temporaryFile("customers.sqlite")
        #expect(try CLI.run(["customers", "add", "--email", "bob@example.com", "--course", "web-basics", "--course", "css-mastery",
                             "--db", db]).status == 0)
        let store = try SQLiteStore(path: db)
        func status(_ course: String = "web-basics") async throws -> AccessStatus {
            try await store.accessStatus(email: "bob@example.com", course: course).status
        }

        let set = try CLI.run(["customers", "expiry", "bob@example.com", "--course", "web-basics", "--at", "2030-01-31", "--db", db])
        #expect(set.status == 0, "\(set.errors)")
        #expect(set.output == "web-basics: active → active until 2030-01-31T00:00:00Z\n", "\(set.output)")
        #expect(try await status() == .active(until: try Self.date("2030-01-31T00:00:00Z")))

        let change = try CLI.run(["customers", "expiry", "bob@example.com", "--course", "web-basics", "--at", "2031-06-01T12:30:00Z",
                                  "--db", db])
        #expect(change.status == 0, "\(change.errors)")
        #expect(change.output == "web-basics: active → active until 2031-06-01T12:30:00Z\n", "\(change.output)")
        #expect(try await status() == .active(until: try Self.date("2031-06-01T12:30:00Z")))

        let remove = try CLI.run(["customers", "expiry", "bob@example.com", "--course", "web-basics", "--remove", "--db", db])
        #expect(remove.status == 0, "\(remove.errors)")
        #expect(remove.output == "web-basics: active → active\n", "\(remove.output)")
        #expect(try await status() == .active(until: nil))

        let past = try CLI.run(["customers", "expiry", "bob@example.com", "--course", "css-mastery", "--at", "2020-01-01", "--db", db])
        #expect(past.status == 0, "\(past.errors)")
        #expect(past.output == "css-mastery: active → expired 2020-01-01T00:00:00Z\n", "\(past.output)")
        #expect(try await status("css-mastery").name == "expired")
        #expect(try await status() == .active(until: nil), "the other course keeps its access")
    }

    @Test("expiry needs exactly one of --at and --remove, and a course the customer has (exit 3 otherwise)")
    func expiryRefusals() throws {
        let db = CLI.temporaryFile("customers.sqlite")
        #expect(try CLI.run(["customers", "add", "--email", "bob@example.com", "--course", "web-basics", "--db", db]).status == 0)
        let neither = try CLI.run(["customers", "expiry", "bob@example.com", "--course", "web-basics", "--db", db])
        #expect(neither.status == 64)
        #expect(neither.errors.contains("give either --at DATE or --remove"), "\(neither.errors)")
        let both = try CLI.run(["customers", "expiry", "bob@example.com", "--course", "web-basics", "--at", "2030-01-31", "--remove",
                                "--db", db])
        #expect(both.status == 64)
        let notHis = try CLI.run(["customers", "expiry", "bob@example.com", "--course", "css-mastery", "--remove", "--db", db])
        #expect(notHis.status == 3)
        #expect(notHis.errors.contains("has no access to course css-mastery"), "\(notHis.errors)")
    }

    @Test("list prints a course's customers with their access, filtered by --status, a page at a time")
    func list() throws {
        let db = CLI.temporaryFile("customers.sqlite")
        #expect(try CLI.run(["import", try ImportCommandTests.write("""
            name,email,courses,expires_at
            Ann,ann@example.com,web-basics,
            Bob,bob@example.com,web-basics,2030-01-31
            Cy,cy@example.com,web-basics,
            Dee,dee@example.com,css-mastery,
            """), "--db", db]).status == 0)
        #expect(try CLI.run(["customers", "revoke", "cy@example.com", "--course", "web-basics", "--message", "Write to us", "--db", db])
            .status == 0)

        let all = try CLI.run(["customers", "list", "--course", "web-basics", "--db", db])
        #expect(all.status == 0, "\(all.errors)")
        #expect(all.output == """
            #1  ann@example.com  Ann  — active, no expiry
            #2  bob@example.com  Bob  — active until 2030-01-31T00:00:00Z
            #3  cy@example.com  Cy  — revoked by an admin: Write to us

            """, "\(all.output)")

        let revoked = try CLI.run(["customers", "list", "--course", "web-basics", "--status", "revoked", "--db", db])
        #expect(revoked.output == "#3  cy@example.com  Cy  — revoked by an admin: Write to us\n", "\(revoked.output)")
        let expired = try CLI.run(["customers", "list", "--course", "web-basics", "--status", "expired", "--db", db])
        #expect(expired.status == 0)
        #expect(expired.output == "no expired customer of web-basics\n", "\(expired.output)")

        let first = try CLI.run(["customers", "list", "--course", "web-basics", "--status", "active", "--limit", "1", "--db", db])
        #expect(first.output == "#1  ann@example.com  Ann  — active, no expiry\nmore: --cursor 1\n", "\(first.output)")
        let next = try CLI.run(["customers", "list", "--course", "web-basics", "--status", "active", "--limit", "1", "--cursor", "1",
                                "--db", db])
        #expect(next.output.hasPrefix("#2  bob@example.com  Bob  — active until 2030-01-31T00:00:00Z\n"), "\(next.output)")
    }

    @Test("list refuses an unknown course (exit 3), an unknown status and a limit out of range")
    func listRefusals() throws {
        let db = CLI.temporaryFile("customers.sqlite")
        let course = try CLI.run(["customers", "list", "--course", "cooking", "--db", db])
        #expect(course.status == 3)
        #expect(course.errors.contains("no course cooking in the mapping"), "\(course.errors)")
        let status = try CLI.run(["customers", "list", "--course", "web-basics", "--status", "paused", "--db", db])
        #expect(status.status == 64)
        #expect(status.errors.contains("--status"), "\(status.errors)")
        let limit = try CLI.run(["customers", "list", "--course", "web-basics", "--limit", "0", "--db", db])
        #expect(limit.status == 1)
        #expect(limit.errors.contains("limit: limit must be a whole number from 1 to 1000"), "\(limit.errors)")
        let help = try CLI.run(["customers", "list", "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--status <status> Only customers whose access to the course has this status. "
                              + "(values: active, revoked, expired)"), "\(help)")
    }
}
