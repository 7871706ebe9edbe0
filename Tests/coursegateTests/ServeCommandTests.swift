import Foundation
import Testing

@Suite("coursegate serve", .serialized)
struct ServeCommandTests {
    /// The secrets the example mapping names, as a user would export them.
    static let environment = ["TC_MAIN_SECRET": "main-secret-word", "TC_SECOND_SECRET": "second-secret-word",
                              "SENDOWL_SIGNING_KEY": "signing-key", "CHECKOUT_WEBHOOK_SECRET": "whsec_test"]

    @Test("serve starts on a free port, prints the webhook URLs and a read key, answers /health, and exits 0 on SIGTERM")
    func servesAndStops() async throws {
        let db = CLI.temporaryFile("serve.sqlite")
        let server = try ServerProcess(["serve", "--db", db, "--port", "0"], environment: Self.environment)
        let port = try await server.port()
        let health = try await ServerProcess.get(port: port, "/health")
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)
        #expect(server.printed.contains("http://127.0.0.1:\(port)/webhooks/tc-main"))
        #expect(server.printed.contains("http://127.0.0.1:\(port)/webhooks/tc-second"))
        #expect(server.printed.range(of: #"default-read .*: cg_read_[0-9a-f]+"#, options: .regularExpression) != nil,
                "\(server.printed)")
        #expect(try await server.terminate() == 0, "\(server.logged)")
    }

    @Test("a second serve on the same database fails at once, saying another one holds it")
    func secondInstanceRefused() async throws {
        let db = CLI.temporaryFile("locked.sqlite")
        let first = try ServerProcess(["serve", "--db", db, "--port", "0"], environment: Self.environment)
        _ = try await first.port()
        let second = try CLI.run(["serve", "--db", db, "--port", "0"], environment: Self.environment)
        #expect(second.status != 0)
        #expect(second.errors.contains("another coursegate is already serving \(db)"), "\(second.errors)")
        #expect(try await first.terminate() == 0)
    }

    @Test("SIGHUP reloads an edited mapping that the file watch could not see (same size, same modification time)")
    func sighupReloads() async throws {
        let config = CLI.temporaryFile("sighup.yaml")
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("Examples/coursegate.yaml"), encoding: .utf8)
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        // A whole-second modification time, which setting it back restores exactly.
        let stamp = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) - 60)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: config)
        let server = try ServerProcess(["serve", "--config", config, "--db", CLI.temporaryFile("sighup.sqlite"), "--port", "0"],
                                       environment: Self.environment)
        let port = try await server.port()
        let key = try #require(server.printed.firstMatch(of: /(cg_read_[0-9a-f]+)/)?.1)
        func hash() async throws -> String {
            let body = try await ServerProcess.get(port: port, "/v1/mapping", headers: [("Authorization", "Bearer \(key)")]).body
            return String(try #require(body.firstMatch(of: /"hash":"([0-9a-f]+)"/)?.1, "\(body)"))
        }
        let before = try await hash()

        // An edit the watch cannot tell from no edit: one course title, same length, old modification time.
        let edited = text.replacingOccurrences(of: "title: Web Basics", with: "title: Web Basicz")
        #expect(edited != text && edited.utf8.count == text.utf8.count)
        try edited.write(toFile: config, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: config)
        try await Task.sleep(for: .seconds(2.5))
        #expect(try await hash() == before, "the watch saw no change")

        server.send(SIGHUP)
        var after = before
        let deadline = ContinuousClock.now + .seconds(15)
        while after == before, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            after = try await hash()
        }
        #expect(after != before, "SIGHUP put the edit in force")
        #expect(server.logged.contains("SIGHUP: reloading the mapping"), "\(server.logged)")
        #expect(try await server.terminate() == 0, "\(server.logged)")
    }

    @Test("a missing secret stops serve before it listens, naming the instance, the secret and the variable")
    func missingSecret() throws {
        let result = try CLI.run(["serve", "--db", CLI.temporaryFile("nosecret.sqlite"), "--port", "0"],
                                 environment: Self.environment.merging(["TC_SECOND_SECRET": ""]) { _, new in new })
        #expect(result.status != 0)
        #expect(result.errors.contains("instance tc-second needs the secret secret"), "\(result.errors)")
        #expect(result.errors.contains("TC_SECOND_SECRET"))
    }

    @Test("a rejected mapping stops serve with every problem listed")
    func rejectedMapping() throws {
        let path = CLI.temporaryFile("broken.yaml")
        try "courses:\n  a: {title: A, published: maybe}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["serve", "--config", path, "--db", CLI.temporaryFile("broken.sqlite"), "--port", "0"])
        #expect(result.status == 1)
        #expect(result.errors.contains(path), "\(result.errors)")
    }
}
