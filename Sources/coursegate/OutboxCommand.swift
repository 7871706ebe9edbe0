import AccessKernel
import AccessStore
import ArgumentParser
import Foundation

/// `coursegate outbox …`: what Coursegate still has to tell the course site and customers.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List, retry and redeliver outgoing events and mail.",
        discussion: """
            Every access change is written to the outbox in the same transaction that decides it; \
            the running gateway delivers it to each sink (signed per Standard Webhooks) and sends \
            welcome mail. These commands work on the database file while the gateway runs: it picks \
            up a retried or redelivered message within a second.
            """,
        subcommands: [List.self, Retry.self, Redeliver.self, Enable.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List deliveries, newest first.")

        @Option(help: "Only deliveries with this status: pending, delivered or dead.")
        var status: OutboxDelivery.Status?

        @Option(help: "How many to show.")
        var limit = 50

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.open()
            let deliveries = try await store.deliveries(status: status, limit: limit)
            let disabled = try await store.disabledSinks()
            for (name, reason) in disabled.sorted(by: { $0.key < $1.key }) {
                print("sink \(name) is disabled (\(reason)); `coursegate outbox enable \(name)` sends its deliveries again")
            }
            guard !deliveries.isEmpty else {
                print(status.map { "no \($0.rawValue) deliveries" } ?? "the outbox is empty")
                return
            }
            print(OutboxText.header)
            for delivery in deliveries { print(OutboxText.row(delivery)) }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Try dead deliveries again, with a fresh count of attempts.")

        @Option(help: ArgumentHelp("Only this target: a sink name, or mail.", valueName: "TARGET"))
        var target: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.open()
            let which = target.map { $0 == "mail" ? OutboxDelivery.Target.mail : .sink($0) }
            let count = try await store.retryDead(target: which, now: Date())
            print(count == 0 ? "no dead deliveries\(target.map { " for \($0)" } ?? "")"
                  : "\(count) dead \(count == 1 ? "delivery" : "deliveries") will be tried again")
        }
    }

    struct Redeliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send one delivery again, whatever its status, with the same message id.",
            discussion: "Receivers dedupe by the message id, so a receiver that stored it already answers without acting twice.")

        @Argument(help: "The delivery id, as `outbox list` shows it.")
        var id: Int64

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.open()
            guard let delivery = try await store.redeliver(id: id, now: Date()) else {
                printError("no delivery #\(id) in \(self.store.db) (see coursegate outbox list)")
                throw ExitCode(3)
            }
            print("delivery #\(delivery.id) (\(delivery.topic) to \(delivery.target)) will be sent again")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a disabled sink's deliveries again (a sink is disabled when it answers 410 Gone).")

        @Argument(help: "The sink's name in the mapping file.")
        var sink: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.open()
            if try await store.enableSink(sink) {
                print("sink \(sink) is enabled; its waiting deliveries go now")
            } else {
                print("sink \(sink) was not disabled")
            }
        }
    }
}

extension OutboxDelivery.Status: ExpressibleByArgument {}

/// How deliveries read in the terminal.
enum OutboxText {
    static let header = pad(["ID", "STATUS", "TOPIC", "TARGET", "TRIES", "CUSTOMER", "COURSE", "NEXT / DONE", "LAST ERROR"])

    static func row(_ delivery: OutboxDelivery) -> String {
        let when = delivery.status == .pending ? delivery.nextAttemptAt : (delivery.deliveredAt ?? delivery.nextAttemptAt)
        return pad(["\(delivery.id)", delivery.status.rawValue, delivery.topic, "\(delivery.target)", "\(delivery.attempts)",
                    delivery.payload.customerEmail, delivery.course ?? "-",
                    delivery.status == .dead ? "-" : AccessText.date(when), delivery.lastError ?? ""])
    }

    private static let widths = [6, 10, 18, 20, 6, 28, 18, 22, 0]

    private static func pad(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, width in
            width == 0 || cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined()
    }
}
