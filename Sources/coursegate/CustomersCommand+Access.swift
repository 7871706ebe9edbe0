import AccessKernel
import ArgumentParser
import Foundation
import Gateway

extension CustomersCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a customer with courses and/or products; an existing email is added to.",
            discussion: "A welcome mail goes to a new customer only, as for a purchase.")

        @Option(help: "The customer's email.")
        var email: String

        @Option(help: "The customer's name.")
        var name: String?

        @Option(help: "A course to give (repeat for more).")
        var course: [String] = []

        @Option(help: ArgumentHelp("A product or bundle whose courses to give (repeat for more).", valueName: "INSTANCE:KIND:ID"))
        var product: [ProductArgument] = []

        @Option(help: ArgumentHelp("When the access given ends.", valueName: "DATE"))
        var expires: DateArgument?

        @OptionGroup var support: SupportOptions

        func validate() throws {
            guard !course.isEmpty || !product.isEmpty else { throw ValidationError("give at least one --course or --product") }
        }

        func run() async throws {
            let context = try await support.open()
            let selection = AccessSelection(courses: course, products: product.map(\.choice))
            let added = try await context.perform {
                try await $0.addCustomer(name: name, email: email, selection: selection, expiresAt: expires?.date, by: SupportContext.actor)
            }
            print(added.created ? "created customer #\(added.customerID) \(EmailAddress.normalise(email))"
                  : "added to customer #\(added.customerID) \(EmailAddress.normalise(email))")
            for line in CustomerText.changes(added.changes) { print("  \(line)") }
        }
    }

    struct Access: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set exactly which courses and products a customer has.",
            discussion: "What is not named is revoked; what is named and missing is granted. Prints what changed.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @Option(help: "A course the customer should have (repeat for more).")
        var course: [String] = []

        @Option(help: ArgumentHelp("A product or bundle whose courses the customer should have (repeat for more).",
                                   valueName: "INSTANCE:KIND:ID"))
        var product: [ProductArgument] = []

        @OptionGroup var support: SupportOptions

        func run() async throws {
            let context = try await support.open()
            let id = try await context.customerID(email)
            let selection = AccessSelection(courses: course, products: product.map(\.choice))
            let changes = try await context.perform { try await $0.setAccess(customerID: id, to: selection, by: SupportContext.actor) }
            for line in CustomerText.changes(changes) { print(line) }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a course away without refunding or cancelling anything.",
            discussion: "The access check then answers revoked, with the message. `customers restore` brings it back.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @Option(help: "The course.")
        var course: String

        @Option(help: "What the course site shows the customer (else the course's revoked_message).")
        var message: String?

        @OptionGroup var support: SupportOptions

        func run() async throws {
            let context = try await support.open()
            let id = try await context.customerID(email)
            let changes = try await context.perform {
                try await $0.revoke(customerID: id, course: course, message: message, by: SupportContext.actor)
            }
            for line in CustomerText.changes(changes) { print(line) }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a revoke.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @Option(help: "The course.")
        var course: String

        @OptionGroup var support: SupportOptions

        func run() async throws {
            let context = try await support.open()
            let id = try await context.customerID(email)
            let changes = try await context.perform { try await $0.restore(customerID: id, course: course, by: SupportContext.actor) }
            for line in CustomerText.changes(changes) { print(line) }
        }
    }

    struct Expiry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set, change or remove a customer's expiry on one course.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @Option(help: "The course.")
        var course: String

        @Option(help: ArgumentHelp("When the access ends.", valueName: "DATE"))
        var at: DateArgument?

        @Flag(help: "No expiry: access for good.")
        var remove = false

        @OptionGroup var support: SupportOptions

        func validate() throws {
            guard (at != nil) != remove else { throw ValidationError("give either --at DATE or --remove") }
        }

        func run() async throws {
            let context = try await support.open()
            let id = try await context.customerID(email)
            let changes = try await context.perform {
                try await $0.setExpiry(customerID: id, course: course, at: remove ? nil : at?.date, by: SupportContext.actor)
            }
            for line in CustomerText.changes(changes) { print(line) }
        }
    }
}
