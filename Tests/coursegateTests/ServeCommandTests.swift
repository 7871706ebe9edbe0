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
