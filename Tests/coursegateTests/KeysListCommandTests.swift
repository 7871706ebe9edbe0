import AccessStore
import Foundation
import Testing

@Suite("coursegate keys list and revoke")
struct KeysListCommandTests {
    @Test("lists live keys with id, scope and name; a revoked key leaves the list and stops working")
    func listsAndRevokes() async throws {
        let db = CLI.temporaryFile("keys.sqlite")
        let site = try CLI.run(["keys", "create", "--name", "course-site", "--db", db])
        #expect(try CLI.run(["keys", "create", "--name", "support", "--scope", "admin", "--db", db]).status == 0)
        let list = try CLI.run(["keys", "list", "--db", db])
        #expect(list.status == 0, "\(list.errors)")
        #expect(list.output.contains("#1  read   course-site"))
        #expect(list.output.contains("#2  admin  support"))
        #expect(!list.output.contains("cg_"))

        let revoke = try CLI.run(["keys", "revoke", "1", "--db", db])
        #expect(revoke.status == 0, "\(revoke.errors)")
        #expect(revoke.output.contains("API key #1 revoked"))
        let after = try CLI.run(["keys", "list", "--db", db])
        #expect(!after.output.contains("course-site"))
        #expect(after.output.contains("support"))
        let secret = site.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await SQLiteStore(path: db).key(secret: secret) == nil)
    }

    @Test("revoking a key that is not there exits 3 naming the id")
    func unknownKey() throws {
        let result = try CLI.run(["keys", "revoke", "42", "--db", CLI.temporaryFile("keys.sqlite")])
        #expect(result.status == 3)
        #expect(result.errors.contains("id: no live API key #42"))
    }
}
