import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Mocks
import Testing

/// The outbox worker running beside the server: real sink deliveries over loopback to the
/// mock course site, real SMTP to the mock mail server, through libcurl.
@Suite("outbox worker: signed sink events and welcome mail")
struct OutboxWorkerTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    static func mapping(sinks: [(name: String, url: String)], smtpPort: Int?, maxAttempts: Int = 10,
                        retrySchedule: String = "[1]") -> String {
        var text = GatewayHarness.mappingText + """

            delivery:
              max_attempts: \(maxAttempts)
              retry_schedule: \(retrySchedule)
            """
        if !sinks.isEmpty {
            text += "\nsinks:\n" + sinks.map { "  \($0.name):\n    url: \($0.url)\n    secret: \(secret)\n" }.joined()
        }
        if let smtpPort {
            text += """

                mail:
                  server: smtp://127.0.0.1:\(smtpPort)
                  from: School <team@school.example.com>
                  tls: optional
                """
        }
        return text
    }

    /// Waits (up to `seconds`) until `condition` holds, recording an issue if it never does;
    /// the wait is a bound, not a measurement.
    static func waitUntil(_ what: String, seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        if try await !condition() { Issue.record("still not true after \(Int(seconds)) s: \(what)") }
    }

    static func post(_ client: some TestClientProtocol, order: String, email: String, product: String = "12") async throws {
        let response = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                body: ProbeDelivery.purchase(order: order, email: email, product: product))
        #expect(response.status == .ok, "\(response.body.text)")
    }

    @Test("a purchase reaches the site signed and the customer's inbox, each once, through two failures")
    func purchaseDelivered() async throws {
        let site = try MockCourseSite(secrets: [Self.secret])
        let smtp = try MockSMTPServer()
        defer { site.stop(); smtp.stop() }
        site.failNext(2)
        let harness = try await GatewayHarness.make(
            mappingText: Self.mapping(sinks: [("course-site", site.url)], smtpPort: smtp.port))
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            try await Self.post(client, order: "1", email: "Ann@Example.com")
            try await Self.waitUntil("site.events.count == 2 && smtp.messages.count == 1") { site.events.count == 2 && smtp.messages.count == 1 }
            try await Self.waitUntil("try await store.deliveries(status: .pending, limit: 10).isEmpty") { try await store.deliveries(status: .pending, limit: 10).isEmpty }
        }
        #expect(Set(site.events.compactMap(\.type)) == ["customer.created", "access.granted"])
        let granted = try #require(site.events.first { $0.type == "access.granted" })
        let data = try #require((try JSONSerialization.jsonObject(with: Data(granted.body)) as? [String: Any])?["data"] as? [String: Any])
        #expect(data["customer_email"] as? String == "ann@example.com")
        #expect(data["course_id"] as? String == "web-basics")
        #expect(data["order_reference"] as? String == "1")
        #expect(data["status"] as? String == "active")
        // Two failed attempts, then both events: the failures were retried, not lost.
        #expect(site.requestCount == 4)

        let mail = try #require(smtp.messages.first)
        #expect(mail.recipients == ["ann@example.com"])
        #expect(mail.from == "team@school.example.com")
        let text = String(decoding: mail.data, as: UTF8.self)
        #expect(text.contains("Subject: Welcome to Web Basics"))
        #expect(text.contains("Message-ID: <msg_"))

        let delivered = try await store.deliveries(status: .delivered, limit: 10)
        #expect(delivered.count == 3)
        #expect(delivered.filter { $0.target == .sink("course-site") }.map(\.attempts).sorted().last ?? 0 >= 2)
    }

    @Test("a second purchase by a known customer gets its event but no second welcome mail")
    func welcomeOnlyForNewCustomers() async throws {
        let site = try MockCourseSite(secrets: [Self.secret])
        let smtp = try MockSMTPServer()
        defer { site.stop(); smtp.stop() }
        let harness = try await GatewayHarness.make(
            mappingText: Self.mapping(sinks: [("course-site", site.url)], smtpPort: smtp.port))
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            try await Self.post(client, order: "1", email: "ann@example.com")
            try await Self.waitUntil("site.events.count == 2 && smtp.messages.count == 1") { site.events.count == 2 && smtp.messages.count == 1 }
            try await Self.post(client, order: "2", email: "ann@example.com", product: "14")
            try await Self.waitUntil("site.events.count == 3") { site.events.count == 3 }
            try await Self.waitUntil("try await store.deliveries(status: .pending, limit: 10).isEmpty") { try await store.deliveries(status: .pending, limit: 10).isEmpty }
        }
        #expect(site.events.compactMap(\.type).filter { $0 == "access.granted" }.count == 2)
        #expect(smtp.messages.count == 1)
    }

    @Test("a sink answering 410 Gone is disabled with its deliveries kept; the other sink gets everything")
    func goneSinkDisabled() async throws {
        let site = try MockCourseSite(secrets: [Self.secret])
        let gone = try MockCourseSite(secrets: [Self.secret])
        defer { site.stop(); gone.stop() }
        gone.goAway()
        let harness = try await GatewayHarness.make(
            mappingText: Self.mapping(sinks: [("course-site", site.url), ("old-site", gone.url)], smtpPort: nil))
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            try await Self.post(client, order: "1", email: "ann@example.com")
            try await Self.waitUntil("site.events.count == 2") { site.events.count == 2 }
            try await Self.waitUntil("try await store.disabledSinks()[\"old-site\"] != nil") { try await store.disabledSinks()["old-site"] != nil }
        }
        #expect(try await store.disabledSinks()["old-site"]?.contains("410") == true)
        let waiting = try await store.deliveries(status: .pending, limit: 10)
        #expect(waiting.count == 2)
        #expect(waiting.allSatisfy { $0.target == .sink("old-site") && $0.attempts == 0 })
        #expect(try await store.dueDeliveries(now: Date(), limit: 10, excluding: []).isEmpty)
        #expect(gone.events.isEmpty)
    }

    @Test("after its last attempt a delivery is dead; retry sends it once the site is back")
    func deadThenRetried() async throws {
        let site = try MockCourseSite(secrets: [Self.secret])
        defer { site.stop() }
        site.failNext(4, status: 503)
        let harness = try await GatewayHarness.make(
            mappingText: Self.mapping(sinks: [("course-site", site.url)], smtpPort: nil, maxAttempts: 2))
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            try await Self.post(client, order: "1", email: "ann@example.com")
            try await Self.waitUntil("try await store.deliveries(status: .dead, limit: 10).count == 2") { try await store.deliveries(status: .dead, limit: 10).count == 2 }
            let dead = try await store.deliveries(status: .dead, limit: 10)
            #expect(dead.allSatisfy { $0.attempts == 2 && ($0.lastError ?? "").contains("503") })
            #expect(site.events.isEmpty)

            #expect(try await store.retryDead(target: nil, now: Date()) == 2)
            // The site stores an event before the worker hears its answer: wait for the outbox.
            try await Self.waitUntil("try await store.deliveries(status: .delivered, limit: 10).count == 2") {
                try await store.deliveries(status: .delivered, limit: 10).count == 2
            }
        }
        #expect(site.events.count == 2)
    }

    @Test("a 429 with Retry-After puts the next attempt no sooner than asked")
    func retryAfterHonoured() async throws {
        let site = try MockCourseSite(secrets: [Self.secret])
        defer { site.stop() }
        site.throttleNext(1, retryAfter: "30")
        let harness = try await GatewayHarness.make(
            mappingText: Self.mapping(sinks: [("course-site", site.url)], smtpPort: nil))
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            let before = Date()
            try await Self.post(client, order: "1", email: "ann@example.com")
            try await Self.waitUntil("one attempt made") {
                try await store.deliveries(status: nil, limit: 10).contains { $0.attempts == 1 && $0.status == .pending }
            }
            let throttled = try #require(try await store.deliveries(status: nil, limit: 10)
                .first { $0.attempts == 1 && $0.status == .pending })
            // The schedule says 1 s; the site said 30 s, and 30 s it is.
            #expect(throttled.nextAttemptAt.timeIntervalSince(before) >= 29)
            #expect(throttled.lastError?.contains("429") == true)
        }
    }
}
