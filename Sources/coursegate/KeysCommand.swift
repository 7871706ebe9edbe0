import AccessStore
import ArgumentParser
import Foundation

/// `coursegate keys …`: API keys for the access API and the admin API.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage API keys.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key and print it once.",
            discussion: """
                Only a hash of the key is stored: copy it now. Send it as `Authorization: Bearer KEY`. \
                A read key asks questions (GET /v1/access); an admin key may also change things.
                """)

        @Option(help: "A name that says who uses the key (course-site, support).")
        var name: String

        @Option(help: "read or admin.")
        var scope: KeyScopeArgument = .read

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw ValidationError("--name must not be empty") }
            let store = try store.open()
            let (key, secret) = try await store.createKey(name: trimmed, scope: scope.scope, now: Date())
            print(secret)
            printError("created \(key.scope.rawValue) key \(key.name) (#\(key.id)); it is shown only this once")
        }
    }
}
