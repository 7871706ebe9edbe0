import AccessKernel
import ArgumentParser
import Foundation
import Gateway

extension CustomersCommand {
    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a customer's name and/or email.",
            discussion: "The former email stays an alias: it still finds the customer and still matches later webhooks.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @Option(help: "The new name.")
        var name: String?

        @Option(name: .customLong("email"), help: "The new email.")
        var newEmail: String?

        @OptionGroup var support: SupportOptions

        func validate() throws {
            guard name != nil || newEmail != nil else { throw ValidationError("give --name and/or --email") }
        }

        func run() async throws {
            let context = try await support.open()
            let id = try await context.customerID(email)
            let profile = try await context.perform {
                try await $0.changeDetails(customerID: id, name: name, email: newEmail, by: SupportContext.actor)
            }
            print("customer #\(profile.id) is now \(profile.name ?? "(no name)") <\(profile.email)>"
                  + (profile.aliases.isEmpty ? "" : "; also known as \(profile.aliases.joined(separator: ", "))"))
        }
    }

    struct Welcome: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a customer's welcome mail again.",
            discussion: "Without --course, one mail per course the customer has active access to.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @Option(help: "Only this course.")
        var course: String?

        @OptionGroup var support: SupportOptions

        func run() async throws {
            let context = try await support.open()
            let id = try await context.customerID(email)
            let deliveries = try await context.perform { try await $0.resendWelcome(customerID: id, course: course, by: SupportContext.actor) }
            for delivery in deliveries { print("welcome mail queued as delivery #\(delivery)") }
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a customer: personal data anonymised, financial facts kept, sinks told.",
            discussion: "This cannot be undone; --yes confirms it.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @Flag(help: "Confirm the erasure.")
        var yes = false

        @OptionGroup var support: SupportOptions

        func validate() throws {
            guard yes else { throw ValidationError("erasing cannot be undone: add --yes to confirm") }
        }

        func run() async throws {
            let context = try await support.open()
            let id = try await context.customerID(email)
            try await context.perform { try await $0.erase(customerID: id, by: SupportContext.actor) }
            print("customer #\(id) erased")
        }
    }
}
