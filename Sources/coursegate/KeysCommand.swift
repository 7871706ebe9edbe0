import AccessStore
import ArgumentParser
import Foundation

/// `coursegate keys …`: API keys for the access API and the admin API.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage API keys.", subcommands: [Create.self, List.self, Revoke.self])

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

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the live API keys: id, scope, name, created.",
            discussion: "Secrets are never stored, so they cannot be shown; revoke a lost key and create a new one.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let keys = try await store.open().keys()
            guard !keys.isEmpty else {
                print("no API keys; create one with coursegate keys create --name NAME --scope read|admin")
                return
            }
            for key in keys {
                print("#\(key.id)  \(key.scope.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0))  \(key.name)  created \(AccessText.date(key.createdAt))")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an API key: requests with it are refused (401) from then on.",
            discussion: "A running gateway may accept the key for up to 30 seconds more (its key cache).")

        @Argument(help: "The key's id, as `keys list` shows it.")
        var id: Int64

        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard try await store.open().revokeKey(id: id, now: Date()) else {
                printError("id: no live API key #\(id) in \(store.db) (see coursegate keys list)")
                throw ExitCode(3)
            }
            print("API key #\(id) revoked")
        }
    }
}
