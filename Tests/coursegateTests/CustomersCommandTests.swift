import AccessStore
import Foundation
import Testing

@Suite("coursegate customers")
struct CustomersCommandTests {
    @Test("add creates a customer with a course and a product; show prints access with its sources and the timeline")
    func addAndShow() throws {
        let db = CLI.temporaryFile("customers.sqlite")
        let add = try CLI.run(["customers", "add", "--email", "Ann@Example.com", "--name", "Ann Example",
                               "--course", "css-mastery", "--product", "tc-main:12", "--db", db])
        #expect(add.status == 0, "\(add.errors)")
        #expect(add.output.contains("created customer #1 ann@example.com"))
        #expect(add.output.contains("web-basics: none → active"))
        #expect(add.output.contains("css-mastery: none → active"))

        let again = try CLI.run(["customers", "add", "--email", "ann@example.com", "--course", "js-deep-dive", "--db", db])
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.contains("added to customer #1"))

        let show = try CLI.run(["customers", "show", "ann@example.com", "--db", db])
        #expect(show.status == 0, "\(show.errors)")
        #expect(show.output.contains("Ann Example <ann@example.com>  customer #1"))
        #expect(show.output.contains("web-basics: active"))
        #expect(show.output.contains("js-deep-dive: active"))
        #expect(show.output.contains("timeline:"))
        #expect(show.output.contains("(by cli)"))
    }

    @Test("revoke takes a course away with a message, restore brings it back")
    func revokeAndRestore() async throws {
        let db = CLI.temporaryFile("customers.sqlite")
        #expect(try CLI.run(["customers", "add", "--email", "bob@example.com", "--course", "web-basics", "--db", db]).status == 0)
        let revoke = try CLI.run(["customers", "revoke", "bob@example.com", "--course", "web-basics", "--message", "Write to us", "--db", db])
        #expect(revoke.status == 0, "\(revoke.errors)")
        #expect(revoke.output.contains("web-basics: active → revoked"))
        let lookup = try await SQLiteStore(path: db).accessStatus(email: "bob@example.com", course: "web-basics")
        #expect(lookup.status == .revoked(.manual(message: "Write to us")))

        let restore = try CLI.run(["customers", "restore", "bob@example.com", "--course", "web-basics", "--db", db])
        #expect(restore.status == 0, "\(restore.errors)")
        #expect(restore.output.contains("web-basics: revoked → active"))
        #expect(try await SQLiteStore(path: db).accessStatus(email: "bob@example.com", course: "web-basics").status == .active(until: nil))
    }

    @Test("search finds a customer by part of the name")
    func search() throws {
        let db = CLI.temporaryFile("customers.sqlite")
        #expect(try CLI.run(["customers", "add", "--email", "cy@example.com", "--name", "Cyrano Bergerac", "--course", "web-basics",
                             "--db", db]).status == 0)
        let result = try CLI.run(["customers", "search", "bergerac", "--db", db])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("cy@example.com"))
        #expect(result.output.contains("web-basics"))
    }

    @Test("an invalid email exits 1 naming the field; an unknown customer exits 3 naming the database")
    func errors() throws {
        let db = CLI.temporaryFile("customers.sqlite")
        let invalid = try CLI.run(["customers", "add", "--email", "not-an-email", "--course", "web-basics", "--db", db])
        #expect(invalid.status == 1)
        #expect(invalid.errors.contains("email:"))
        let unknown = try CLI.run(["customers", "show", "nobody@example.com", "--db", db])
        #expect(unknown.status == 3)
        #expect(unknown.errors.contains(db))
        let course = try CLI.run(["customers", "add", "--email", "dee@example.com", "--course", "cooking", "--db", db])
        #expect(course.status != 0)
        #expect(course.errors.contains("cooking"))
    }
}
