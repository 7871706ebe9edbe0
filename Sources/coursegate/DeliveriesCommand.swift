import AccessStore
import ArgumentParser
import Foundation

/// `coursegate deliveries`: the webhooks received lately and what each came to.
struct DeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "List recent inbound webhook deliveries, newest first.",
        discussion: """
            Each with its outcome: recorded, duplicate (its facts were stored before), ignored \
            (and why: a test event, an event that changes no access) or rejected (and why: a bad \
            signature, an unreadable body).
            """)

    @Option(help: "Only deliveries to this provider instance.")
    var instance: String?

    @Option(help: "Only this outcome: recorded, duplicate, ignored or rejected.")
    var outcome: InboundDelivery.Outcome?

    @Option(help: "How many to show.")
    var limit = 50

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let database = try store.open()
        let deliveries = try await database.inboundDeliveries(instance: instance, outcome: outcome, limit: limit)
        guard !deliveries.isEmpty else {
            print("no inbound deliveries" + (instance.map { " to \($0)" } ?? "") + (outcome.map { " \($0.rawValue)" } ?? ""))
            return
        }
        for delivery in deliveries {
            print("#\(delivery.id)  \(AccessText.date(delivery.receivedAt))  \(delivery.instance)  \(delivery.outcome.rawValue) "
                  + "(HTTP \(delivery.httpStatus))" + (delivery.detail.map { "  \($0)" } ?? "")
                  + (delivery.factKeys.isEmpty ? "" : "  facts: \(delivery.factKeys.joined(separator: ", "))"))
        }
    }
}

extension InboundDelivery.Outcome: ExpressibleByArgument {}
