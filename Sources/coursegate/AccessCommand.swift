import AccessKernel
import AccessStore
import ArgumentParser
import Foundation

/// `coursegate access …`: look at customers' access.
struct AccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access", abstract: "Look at a customer's access.", subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one customer's access per course, with why.",
            discussion: "The email may be the customer's current one or a former one; case and spaces do not matter.")

        @Argument(help: "The customer's email.")
        var email: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let database = try store.open()
            let customer = try await store.customer(email, in: database)
            let access = try await database.access(customerID: customer.id)
            let facts = Dictionary(try await database.facts(customerID: customer.id).map { ($0.fact.key, $0.fact) },
                                   uniquingKeysWith: { first, _ in first })
            print("\(customer.name ?? "(no name)") <\(customer.email)>  customer #\(customer.id)")
            if !customer.aliases.isEmpty { print("  also known as: \(customer.aliases.joined(separator: ", "))") }
            if access.isEmpty { print("  no access to any course") }
            for record in access {
                print("  \(record.course): \(AccessText.status(record.state.status))")
                for cause in record.state.causes {
                    let what = facts[cause.fact].map { "\($0.event.kindName) at \(AccessText.date($0.occurredAt))" } ?? ""
                    print("      \(cause.role.rawValue): \(cause.fact) \(what)")
                }
            }
        }
    }
}

/// How access reads in the terminal.
enum AccessText {
    static func status(_ status: AccessStatus) -> String {
        switch status {
        case .active(nil): "active, no expiry"
        case .active(let until?): "active until \(date(until))"
        case .expired(let at): "expired \(date(at))"
        case .revoked(.manual(let message)): "revoked by an admin" + (message.map { ": \($0)" } ?? "")
        case .revoked(let reason): "revoked (\(reason.name))"
        case .none: "none"
        }
    }

    static func date(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
