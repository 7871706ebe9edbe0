import ArgumentParser

/// The `coursegate` command: a thin shell over the libraries.
@main
struct Coursegate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coursegate",
        abstract: "Payment-provider events in, course access out.",
        discussion: """
            Coursegate receives ThriveCart, SendOwl and native-checkout webhooks, decides who \
            may open which course, keeps that durable in SQLite, and tells the course site.
            """,
        subcommands: [ServeCommand.self, KeysCommand.self, MappingCommand.self, AccessCommand.self, OutboxCommand.self,
                      ReconcileCommand.self, CustomersCommand.self, ImportCommand.self, ExportCommand.self,
                      DeliveriesCommand.self])
}
