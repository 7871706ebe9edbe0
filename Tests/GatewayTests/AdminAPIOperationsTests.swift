import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("admin API: operations (inbound log, outbox, mapping)")
struct AdminAPIOperationsTests {
    @Test("every webhook request is in the inbound log with its outcome, status and reason, newest first")
    func inboundLog() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        let inbound = harness.gateway.inbound
        try await harness.gateway.application.test(.router) { client in
            try await client.purchase(order: "1", email: "ann@example.com")
            try await client.purchase(order: "1", email: "ann@example.com")
            _ = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                         body: ProbeDelivery.command("ignore test ping"))
            _ = try await client.execute(uri: "/webhooks/probe-main", method: .post,
                                         headers: ProbeDelivery.headers(token: "wrong"),
                                         body: ProbeDelivery.purchase(order: "2", email: "bob@example.com"))
            _ = try await client.execute(uri: "/webhooks/nowhere", method: .post, headers: ProbeDelivery.headers(),
                                         body: ProbeDelivery.purchase(order: "3", email: "cy@example.com"))
            await inbound?.flush()

            let response = try await client.call(.get, "/v1/deliveries", key: read)
            #expect(response.status == .ok)
            let entries = response.items
            #expect(entries.map { $0["outcome"] as? String } == ["rejected", "rejected", "ignored", "duplicate", "recorded"])
            #expect(entries.map { $0["http_status"] as? Int } == [404, 401, 200, 200, 200])
            #expect(entries.map { $0["instance"] as? String } == ["nowhere", "probe-main", "probe-main", "probe-main", "probe-main"])
            #expect(entries[1]["detail"] as? String != nil)
            #expect(entries[2]["detail"] as? String != nil)
            let recorded = entries[4]
            #expect((recorded["fact_keys"] as? [String])?.isEmpty == false)
            #expect(recorded["fact_keys"] as? [String] == entries[3]["fact_keys"] as? [String])
            let receivedAt = try #require(recorded["received_at"] as? String)
            #expect(receivedAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z/) != nil, "\(receivedAt)")

            let rejected = try await client.call(.get, "/v1/deliveries?outcome=rejected&instance=probe-main", key: read)
            #expect(rejected.items.count == 1)
            #expect(rejected.items.first?["http_status"] as? Int == 401)
            let limited = try await client.call(.get, "/v1/deliveries?limit=2", key: read)
            #expect(limited.items.count == 2)
        }
    }

    @Test("an unknown outcome or a limit out of range is 422 naming the parameter")
    func inboundLogInvalid() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        try await harness.gateway.application.test(.router) { client in
            for (uri, field) in [("/v1/deliveries?outcome=lost", "outcome"), ("/v1/deliveries?limit=0", "limit"),
                                 ("/v1/deliveries?limit=many", "limit"), ("/v1/outbox?status=late", "status"),
                                 ("/v1/customers?limit=501", "limit")] {
                let response = try await client.call(.get, uri, key: read)
                #expect(response.status == .unprocessableContent, "\(uri)")
                #expect(response.body.json["field"] as? String == field, "\(uri): \(response.body.text)")
            }
        }
    }

    @Test("the inbound log keeps the newest 10,000 entries")
    func inboundLogPruned() async throws {
        let harness = try await GatewayHarness.make()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let entries = (0..<10_050).map {
            InboundDelivery(instance: "probe-main", receivedAt: start.addingTimeInterval(Double($0)), outcome: .recorded,
                            httpStatus: 200, detail: "#\($0)")
        }
        try await harness.store.logInbound(Array(entries[..<6_000]))
        try await harness.store.logInbound(Array(entries[6_000...]))
        let kept = try await harness.store.inboundDeliveries(instance: nil, outcome: nil, limit: 20_000)
        #expect(kept.count == SQLiteStore.inboundLogCapacity)
        #expect(kept.first?.detail == "#10049")
        #expect(kept.last?.detail == "#50")
    }

    @Test("dead outbox deliveries are listed, and redeliver makes one pending again")
    func outboxRedeliver() async throws {
        // A sink nobody listens on, one attempt: the delivery dies at its first try.
        let harness = try await GatewayHarness.make(
            mappingText: OutboxWorkerTests.mapping(sinks: [("course-site", "http://127.0.0.1:9/events")], smtpPort: nil,
                                                   maxAttempts: 1))
        let read = try await harness.authorization(scope: .read)
        let admin = try await harness.authorization(scope: .admin)
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            try await client.purchase(order: "1", email: "ann@example.com")
            try await OutboxWorkerTests.waitUntil("a dead delivery") {
                try await store.deliveries(status: .dead, limit: 10).count == 2
            }
            let dead = try await client.call(.get, "/v1/outbox?status=dead", key: read)
            #expect(dead.status == .ok)
            #expect(Set(dead.items.compactMap { $0["topic"] as? String }) == ["customer.created", "access.granted"])
            #expect(dead.items.allSatisfy { $0["target"] as? String == "sink:course-site" && $0["last_error"] is String })
            let id = try #require(dead.items.first?["id"] as? Int)

            let redelivered = try await client.call(.post, "/v1/outbox/\(id)/redeliver", key: admin)
            #expect(redelivered.status == .ok)
            #expect(redelivered.body.json["id"] as? Int == id)
            #expect(redelivered.body.json["status"] as? String == "pending")
            #expect(redelivered.body.json["message_id"] as? String == dead.items.first?["message_id"] as? String)

            let all = try await client.call(.get, "/v1/outbox", key: read)
            #expect(all.items.count == 2)
            let unknown = try await client.call(.post, "/v1/outbox/999/redeliver", key: admin)
            #expect(unknown.status == .notFound)
            #expect(unknown.code == "not_found")
        }
    }

    @Test("the mapping route names the version this gateway serves")
    func mappingVersion() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        let mapping = harness.gateway.live.current.version
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.call(.get, "/v1/mapping", key: read)
            #expect(response.status == .ok)
            #expect(response.body.json["id"] as? Int == Int(mapping.id))
            #expect(response.body.json["hash"] as? String == mapping.hash)
            #expect(response.body.json["path"] as? String == "test.yaml")
            #expect(response.body.json["since"] is String)
            #expect(response.body.json["routes"] as? Int == 2)
            #expect(response.body.json["last_rejection"] == nil || response.body.json["last_rejection"] is NSNull)
        }
    }
}
