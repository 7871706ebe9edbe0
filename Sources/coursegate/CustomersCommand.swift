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
        subcommands: [Search.self, List.self, Show.self, Add.self, Access.self, Revoke.self, Restore.self, Expiry.self,
                      Rename.self, Welcome.self, Erase.self, Refund.self, Cancel.self, Pause.self, Resume.self])

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find customers by part of a name or email (case-insensitive).",
            discussion: "Prints one customer a line: id, email, name, active courses. An empty query lists everyone.")

        @Argument(help: "Part of a name or an email.")
        var query: String = ""

        @OptionGroup var page: PageOptions
        @OptionGroup var support: SupportOptions

        func run() async throws {
            let context = try await support.open()
            let found = try await context.perform { try await $0.search(query, limit: page.limit, cursor: page.cursor) }
            page.print(found, empty: "no customer matches \(query.isEmpty ? "(everyone)" : query)", line: CustomerText.summary)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a course's customers, optionally of one status.",
            discussion: """
                Prints one customer a line: id, email, name, and their access to the course \
                (active with its expiry, revoked with why, expired with when), in customer-id \
                order. Revoked and expired customers are listed too unless --status leaves them out.
                """)

        /// The statuses a course's customer can have.
        enum Status: String, ExpressibleByArgument, CaseIterable {
            case active, revoked, expired
        }

        @Option(help: "The course id, as in the mapping file.")
        var course: String

        @Option(help: "Only customers whose access to the course has this status.")
        var status: Status?

        @OptionGroup var page: PageOptions
        @OptionGroup var support: SupportOptions

        func run() async throws {
            let context = try await support.open()
            let members = try await context.perform {
                try await $0.courseCustomers(course, status: status?.rawValue, limit: page.limit, cursor: page.cursor)
            }
            page.print(members, empty: "no \(status.map { "\($0.rawValue) " } ?? "")customer of \(course)", line: CustomerText.member)
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
