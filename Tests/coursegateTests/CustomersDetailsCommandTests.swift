import AccessStore
import Foundation
import Testing

/// `coursegate customers rename|erase`: a customer's own details.
@Suite("coursegate customers: details and erasure")
struct CustomersDetailsCommandTests {
    @Test("rename changes name and email; the old email stays an alias that still finds the customer and their access")
    func rename() async throws {
        let db = CLI.temporaryFile("customers.sqlite")
        #expect(try CLI.run(["customers", "add", "--email", "ann@example.com", "--name", "Ann", "--course", "web-basics",
                             "--db", db]).status == 0)

        let rename = try CLI.run(["customers", "rename", "ann@example.com", "--name", "Ann Berg", "--email", "Ann.Berg@New.example",
                                  "--db", db])
        #expect(rename.status == 0, "\(rename.errors)")
        #expect(rename.output == "customer #1 is now Ann Berg <ann.berg@new.example>; also known as ann@example.com\n", "\(rename.output)")

        let byOldEmail = try CLI.run(["customers", "show", "ann@example.com", "--db", db])
        #expect(byOldEmail.status == 0, "\(byOldEmail.errors)")
        #expect(byOldEmail.output.hasPrefix("Ann Berg <ann.berg@new.example>  customer #1"), "\(byOldEmail.output)")
        #expect(byOldEmail.output.contains("  also known as: ann@example.com\n"), "\(byOldEmail.output)")
        let store = try SQLiteStore(path: db)
        #expect(try await store.accessStatus(email: "ann@example.com", course: "web-basics").status == .active(until: nil))
        #expect(try await store.customer(email: "ann.berg@new.example")?.id == 1)

        let nameOnly = try CLI.run(["customers", "rename", "ann@example.com", "--name", "Ann B.", "--db", db])
        #expect(nameOnly.output == "customer #1 is now Ann B. <ann.berg@new.example>; also known as ann@example.com\n",
                "\(nameOnly.output)")
    }

    @Test("rename refuses an email of another customer (exit 4), an invalid one (exit 1) and no change at all (usage)")
    func renameRefusals() async throws {
        let db = CLI.temporaryFile("customers.sqlite")
        for email in ["ann@example.com", "bo@example.com"] {
            #expect(try CLI.run(["customers", "add", "--email", email, "--course", "web-basics", "--db", db]).status == 0)
        }
        let taken = try CLI.run(["customers", "rename", "ann@example.com", "--email", "BO@example.com", "--db", db])
        #expect(taken.status == 4)
        #expect(taken.errors.contains("bo@example.com belongs to another customer (2)"), "\(taken.errors)")
        let invalid = try CLI.run(["customers", "rename", "ann@example.com", "--email", "ann at example", "--db", db])
        #expect(invalid.status == 1)
        #expect(invalid.errors.contains("email: ann at example is not an email address"), "\(invalid.errors)")
        let nothing = try CLI.run(["customers", "rename", "ann@example.com", "--db", db])
        #expect(nothing.status == 64)
        #expect(nothing.errors.contains("give --name and/or --email"), "\(nothing.errors)")
        #expect(try await SQLiteStore(path: db).customer(id: 1)?.email == "ann@example.com")
    }

    @Test("erase needs --yes, then anonymises name and emails and keeps the purchase and its payment")
    func erase() throws {
        let account = try MockThriveCartAccount()
        defer { account.stop() }
        let order = try account.purchase(5)
        let email = order.customer.email
        let before = try account.run(["customers", "show", email])
        #expect(before.output.contains(order.customer.firstName), "\(before.output)")

        let unconfirmed = try account.run(["customers", "erase", email])
        #expect(unconfirmed.status == 64)
        #expect(unconfirmed.errors.contains("add --yes to confirm"), "\(unconfirmed.errors)")
        #expect(try account.run(["customers", "show", email]).status == 0, "nothing was erased")

        let erase = try account.run(["customers", "erase", email, "--yes"])
        #expect(erase.status == 0, "\(erase.errors)")
        #expect(erase.output == "customer #1 erased\n")
        #expect(try account.run(["customers", "show", email]).status == 3, "the email no longer finds anyone")

        let after = try account.run(["customers", "show", "erased-1@erased.invalid"])
        #expect(after.status == 0, "\(after.errors)")
        #expect(after.output.hasPrefix("(no name) <erased-1@erased.invalid>  customer #1"), "\(after.output)")
        #expect(after.output.contains("(erased)"), "\(after.output)")
        for personal in [email, order.customer.firstName, order.customer.lastName] {
            #expect(!after.output.contains(personal), "\(personal) is left in \(after.output)")
        }
        #expect(after.output.contains("order \(order.orderID) on tc-main"), "the purchase is kept: \(after.output)")
        #expect(after.output.contains("product 12 (31670) 197.00 USD"), "\(after.output)")
        #expect(after.output.contains("payment 224.00 USD on tc-main, order \(order.orderID)"), "the payment is kept: \(after.output)")
    }
}
