import Foundation
import Mocks
import Testing

/// `coursegate deliveries` reads the log a running `coursegate serve` keeps of the webhooks
/// it received.
@Suite("coursegate deliveries")
struct DeliveriesCommandTests {
    @Test("lists the webhooks a gateway received, newest first, each with its outcome and why; --outcome and --instance filter")
    func listsOutcomes() async throws {
        let db = CLI.temporaryFile("deliveries.sqlite")
        let server = try ServerProcess(["serve", "--db", db, "--port", "0"], environment: ReconcileCommandTests.environment)
        let port = try await server.port()
        let order = ReconcileCommandTests.thriveCartOrder(1, hoursAgo: 1)
        var forged = order
        forged.secretWord = "not-the-secret"
        var test = ThriveCartScenario.testOrder
        test.secretWord = try #require(ReconcileCommandTests.environment["TC_SECOND_SECRET"])
        for (instance, sent, status) in [("tc-main", order, 200), ("tc-main", order, 200), ("tc-main", forged, 401),
                                         ("tc-second", test, 200)] {
            let request = ThriveCartRequest.make(ThriveCartPayload.orderSuccess(sent))
            let answer = try await ServerProcess.post(port: port, "/webhooks/\(instance)", headers: request.headers,
                                                      body: Data(request.body))
            #expect(answer.status == status, "\(answer.body)")
        }
        #expect(try await server.terminate() == 0, "\(server.logged)")

        let all = try CLI.run(["deliveries", "--db", db])
        #expect(all.status == 0, "\(all.errors)")
        let lines = all.output.split(separator: "\n").map(String.init)
        try #require(lines.count == 4, "\(all.output)")
        #expect(lines[0].contains("  tc-second  ignored (HTTP 200)  test-mode order.success ignored"), "\(lines[0])")
        #expect(lines[1].contains("  tc-main  rejected (HTTP 401)  "), "\(lines[1])")
        #expect(lines[2].contains("  tc-main  duplicate (HTTP 200)  every fact was recorded before  facts: "), "\(lines[2])")
        #expect(lines[3].contains("  tc-main  recorded (HTTP 200)  "), "\(lines[3])")
        #expect(lines[3].contains(order.orderID), "the recorded delivery lists its fact keys: \(lines[3])")

        let rejected = try CLI.run(["deliveries", "--outcome", "rejected", "--db", db])
        #expect(rejected.output.split(separator: "\n").count == 1 && rejected.output.contains("rejected (HTTP 401)"),
                "\(rejected.output)")
        let second = try CLI.run(["deliveries", "--instance", "tc-second", "--db", db])
        #expect(second.output.split(separator: "\n").count == 1 && second.output.contains("ignored"), "\(second.output)")
        let latest = try CLI.run(["deliveries", "--limit", "1", "--db", db])
        #expect(latest.output == lines[0] + "\n")
        let none = try CLI.run(["deliveries", "--instance", "shop", "--outcome", "recorded", "--db", db])
        #expect(none.status == 0)
        #expect(none.output == "no inbound deliveries to shop recorded\n", "\(none.output)")
    }

    @Test("an unknown outcome or a limit of zero is refused before the database is opened")
    func refusals() throws {
        let db = CLI.temporaryFile("deliveries.sqlite")
        let outcome = try CLI.run(["deliveries", "--outcome", "lost", "--db", db])
        #expect(outcome.status == 64)
        #expect(outcome.errors.contains("--outcome"), "\(outcome.errors)")
        let limit = try CLI.run(["deliveries", "--limit", "0", "--db", db])
        #expect(limit.status == 64)
        #expect(limit.errors.contains("--limit must be positive"), "\(limit.errors)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
