import AccessStore
import Foundation
import Testing

@Suite("coursegate keys create")
struct KeysCommandTests {
    @Test("prints a new key once, and the store knows it by its secret with the asked scope")
    func createsKey() async throws {
        let db = CLI.temporaryFile("keys.sqlite")
        let result = try CLI.run(["keys", "create", "--name", "course-site", "--scope", "admin", "--db", db])
        #expect(result.status == 0, "\(result.errors)")
        let secret = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("cg_admin_"))
        let key = try await SQLiteStore(path: db).key(secret: secret)
        #expect(key?.name == "course-site")
        #expect(key?.scope == .admin)
        #expect(result.errors.contains("shown only this once"))
    }

    @Test("an unknown scope is refused")
    func unknownScope() throws {
        let result = try CLI.run(["keys", "create", "--name", "x", "--scope", "root", "--db", CLI.temporaryFile("k.sqlite")])
        #expect(result.status != 0)
        #expect(result.errors.contains("root"))
    }
}
