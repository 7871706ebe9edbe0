import AccessKernel
import AccessStore
import ArgumentParser

/// `--db FILE`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file.", valueName: "FILE"))
    var db: String = "coursegate.sqlite"

    func open() throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: db)
        } catch {
            throw ValidationError("cannot open the database \(db): \(error)")
        }
    }

    /// The customer `email` (current or former) belongs to; exits 3 naming the database when
    /// there is none.
    func customer(_ email: String, in store: SQLiteStore) async throws -> CustomerRecord {
        guard let customer = try await store.customer(email: email) else {
            printError("no customer with the email \(EmailAddress.normalise(email)) in \(db)")
            throw ExitCode(3)
        }
        return customer
    }
}
