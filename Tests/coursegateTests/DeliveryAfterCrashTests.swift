import Foundation
import Mocks
import Testing

/// Issue 5's end-to-end promise, with the real binary: a purchase produces a signed
/// `access.granted` at the course site and a welcome mail, exactly once, although the site
/// fails the first three attempts and the gateway is killed with SIGKILL (a delivery in
/// flight) and restarted in between.
@Suite("outbound delivery survives kill -9", .serialized)
struct DeliveryAfterCrashTests {
    static let sinkSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let environment = [
        "TC_MAIN_SECRET": "KX7QZP2M4RWT", "TC_SECOND_SECRET": "second-secret",
        "SENDOWL_SIGNING_KEY": "t9Xq2LmV7cRz4KpW8sNd3FhJ",
        "CHECKOUT_WEBHOOK_SECRET": "whsec_Jf3kQ9vXz2LmN8pR4tYw6bH1sD5gC7aE",
        "COURSE_SITE_SECRET": sinkSecret,
    ]

    /// The example mapping with a sink at `site` and mail through `smtpPort`, retrying every second.
    static func mapping(site: String, smtpPort: Int) throws -> String {
        let example = try String(contentsOf: CLI.repository.appendingPathComponent("Examples/coursegate.yaml"), encoding: .utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coursegate-crash-\(UUID().uuidString).yaml").path
        try (example + """

            sinks:
              course-site:
                url: \(site)
                secret: env:COURSE_SITE_SECRET
            mail:
              server: smtp://127.0.0.1:\(smtpPort)
              from: School <team@school.example.com>
              tls: optional
            delivery:
              retry_schedule: [1]
            """).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func waitUntil(_ what: String, seconds: Double = 30, _ condition: () -> Bool) async throws {
        let end = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < end else {
                Issue.record("still not true after \(Int(seconds)) s: \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("one purchase: one access.granted per course and one welcome mail per course, through failures and a kill")
    func exactlyOnce() async throws {
        let site = try MockCourseSite(secrets: [Self.sinkSecret])
        let smtp = try MockSMTPServer()
        defer { site.stop(); smtp.stop() }
        // The first three attempts fail at once; every later one is held until the gateway is
        // killed (however slowly a busy machine gets there), so it is in flight at the kill.
        site.failNext(3)
        site.answerSlowly(after: .seconds(60))
        let config = try Self.mapping(site: site.url, smtpPort: smtp.port)
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("coursegate-crash-\(UUID().uuidString).sqlite").path
        let arguments = ["serve", "--config", config, "--db", db, "--port", "0"]

        let first = try ServerProcess(arguments, environment: Self.environment)
        let port = try await first.port()
        let body = try Data(contentsOf: Fixtures.thriveCart.appendingPathComponent("order.success.form"))
        let answer = try await ServerProcess.post(port: port, "/webhooks/tc-main", contentType: "application/x-www-form-urlencoded",
                                                  body: body)
        #expect(answer.status == 200, "\(answer.body)")
        try await Self.waitUntil("a fourth request reached the site and waits for its answer") { site.requestCount > 3 }
        try await first.killHard()
        site.answerSlowly(after: nil)
        #expect(site.requestCount <= 3 + 8, "the kill came after the first round of retries")

        let second = try ServerProcess(arguments, environment: Self.environment)
        _ = try await second.port()
        // Done when the outbox has nothing left to try; then count what arrived.
        try await Self.waitUntil("every delivery delivered") {
            guard let list = try? CLI.run(["outbox", "list", "--db", db]).output else { return false }
            return list.contains("delivered") && !list.contains("pending")
        }
        #expect(try await second.terminate() == 0)

        let events = site.events
        let grantedCourses = events.filter { $0.type == "access.granted" }.compactMap(Self.course)
        #expect(events.filter { $0.type == "customer.created" }.count == 1)
        #expect(!grantedCourses.isEmpty)
        #expect(Set(grantedCourses).count == grantedCourses.count, "one access.granted per course: \(grantedCourses)")
        // The delivery in flight at the kill was sent again after the restart with the same id,
        // and the site answered it as a duplicate instead of storing it twice.
        #expect(site.redeliveryCount >= 1)
        // A welcome mail in flight at the kill is sent again with its Message-ID, which the
        // mock mailbox (like the site) keeps once.
        #expect(smtp.messages.count == grantedCourses.count)
        #expect(smtp.messages.allSatisfy { $0.messageID?.hasPrefix("<msg_") == true })
        #expect(Set(smtp.messages.map(\.recipients)) == [["zoe.muller@example.com"]])

        let list = try CLI.run(["outbox", "list", "--db", db])
        #expect(list.status == 0)
        #expect(!list.output.contains("pending"), "\(list.output)")
        #expect(!list.output.contains("dead"), "\(list.output)")
    }

    static func course(_ event: MockCourseSite.ReceivedEvent) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(event.body)) as? [String: Any]
        return (object?["data"] as? [String: Any])?["course_id"] as? String
    }
}
