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
}
