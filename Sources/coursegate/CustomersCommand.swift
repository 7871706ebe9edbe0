import AccessStore
import ArgumentParser
import Foundation
import Gateway

/// `coursegate customers …`: what support staff do every day, against the embedded store.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "Find customers, look at them, and change their access and details.",
        discussion: """
            Every change is recorded as a fact by the actor `cli`: it shows in the customer's \
            timeline, and the running gateway tells the sinks and sends welcome mail within a \
            second. Emails may be current or former ones. Products are written \
            INSTANCE:KIND:ID[:PRICING_OPTION] or INSTANCE:ID (a product), as the mapping's routes \
            name them; dates as 2027-01-31 (midnight UTC) or 2027-01-31T12:00:00Z.

            Exit codes: 0 done, 1 invalid value, 3 not found, 4 conflict, 5 not possible here, \
            6 the provider refused or failed.
            """,
        subcommands: [Search.self, Show.self, Add.self, Access.self, Revoke.self, Restore.self, Expiry.self,
                      Rename.self, Welcome.self, Erase.self, Refund.self, Cancel.self, Pause.self, Resume.self])

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find customers by part of a name or email (case-insensitive).",
            discussion: "Prints one customer a line: id, email, name, active courses. An empty query lists everyone.")

        @Argument(help: "Part of a name or an email.")
        var query: String = ""

        @Option(help: "How many to show.")
        var limit = 50

        @Option(help: "Where the previous page ended (printed under it).")
        var cursor: String?

        @OptionGroup var support: SupportOptions

        func run() async throws {
            let context = try await support.open()
            let page = try await context.perform { try await $0.search(query, limit: limit, cursor: cursor) }
            if page.items.isEmpty { print("no customer matches \(query.isEmpty ? "(everyone)" : query)") }
            for customer in page.items { print(CustomerText.summary(customer)) }
            if let next = page.next { print("more: --cursor \(next)") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show everything about a customer: access per course with its sources, purchases, payments, subscriptions, the timeline.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @OptionGroup var support: SupportOptions

        func run() async throws {
            let context = try await support.open()
            let id = try await context.customerID(email)
            let profile = try await context.perform { try await $0.profile(customerID: id) }
            for line in CustomerText.profile(profile) { print(line) }
        }
    }
}
