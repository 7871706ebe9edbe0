import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("POST /webhooks/{instance} and its URL checks")
struct WebhookRoutingTests {
    @Test("GET and HEAD on a configured instance's URL answer 200, so providers' URL checks pass")
    func urlChecks() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let get = try await client.execute(uri: "/webhooks/probe-main", method: .get)
            #expect(get.status == .ok)
            #expect(get.body.json["status"] as? String == "ok")
            let head = try await client.execute(uri: "/webhooks/probe-main", method: .head)
            #expect(head.status == .ok)
        }
    }

    @Test("a verified delivery is recorded and answered 200 with the number of facts")
    func recordsDelivery() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/webhooks/probe-main", method: .post,
                                                    headers: ProbeDelivery.headers(),
                                                    body: ProbeDelivery.purchase(order: "1", email: "ann@example.com"))
            #expect(response.status == .ok, "\(response.body.text)")
            #expect(response.body.json["status"] as? String == "recorded")
            #expect(response.body.json["facts"] as? Int == 1)
        }
        let customer = try #require(try await harness.store.customer(email: "ann@example.com"))
        #expect(try await harness.store.access(customerID: customer.id).map(\.course) == ["web-basics"])
    }

    @Test("the same delivery again is answered 200 duplicate and changes nothing")
    func duplicate() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            for expected in ["recorded", "duplicate"] {
                let response = try await client.execute(uri: "/webhooks/probe-main", method: .post,
                                                        headers: ProbeDelivery.headers(),
                                                        body: ProbeDelivery.purchase(order: "1", email: "ann@example.com"))
                #expect(response.status == .ok)
                #expect(response.body.json["status"] as? String == expected)
            }
        }
        let customer = try #require(try await harness.store.customer(email: "ann@example.com"))
        #expect(try await harness.store.facts(customerID: customer.id).count == 1)
        #expect(try await harness.store.accessEvents(customerID: customer.id).count == 1)
    }

    @Test("an event the adapter does not act on is answered 200 ignored with its reason")
    func ignored() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/webhooks/probe-main", method: .post,
                                                    headers: ProbeDelivery.headers(), body: ProbeDelivery.command("ignore"))
            #expect(response.status == .ok)
            #expect(response.body.json["status"] as? String == "ignored")
            #expect(response.body.json["reason"] as? String == "probe told to ignore")
        }
    }

    @Test("refusals come back as JSON with a code and a message",
          arguments: [
            Refusal(instance: "probe-main", headers: ProbeDelivery.headers(token: "wrong"), body: "ignore",
                    status: .unauthorized, code: "unauthenticated"),
            Refusal(instance: "probe-main", headers: ProbeDelivery.headers(), body: "gibberish",
                    status: .badRequest, code: "malformed"),
            Refusal(instance: "probe-main", headers: ProbeDelivery.headers(), body: "stale",
                    status: .badRequest, code: "stale"),
            Refusal(instance: "probe-main", headers: ProbeDelivery.headers(contentType: "application/xml"), body: "ignore",
                    status: .unsupportedMediaType, code: "unsupported_media_type"),
            Refusal(instance: "nobody", headers: ProbeDelivery.headers(), body: "ignore",
                    status: .notFound, code: "unknown_instance"),
          ])
    func refusals(_ refusal: Refusal) async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/webhooks/\(refusal.instance)", method: .post,
                                                    headers: refusal.headers, body: ByteBuffer(string: refusal.body))
            #expect(response.status == refusal.status)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.body.json["code"] as? String == refusal.code, "\(response.body.text)")
            #expect((response.body.json["message"] as? String)?.isEmpty == false)
        }
    }

    @Test("a body over the configured limit is refused with 413 JSON, over a real socket too")
    func bodyTooLarge() async throws {
        let harness = try await GatewayHarness.make(configuration: GatewayConfiguration(port: 0, maxBodySize: 1024))
        try await harness.gateway.application.test(.live) { client in
            let response = try await client.execute(uri: "/webhooks/probe-main", method: .post,
                                                    headers: ProbeDelivery.headers(),
                                                    body: ByteBuffer(repeating: UInt8(ascii: "x"), count: 4096))
            #expect(response.status == .contentTooLarge)
            #expect(response.body.json["code"] as? String == "body_too_large")
            #expect((response.body.json["message"] as? String)?.contains("1024") == true)
        }
    }

    @Test("a body over the limit without a Content-Length is refused with 413 JSON while it is read")
    func streamedBodyTooLarge() async throws {
        let harness = try await GatewayHarness.make(configuration: GatewayConfiguration(port: 0, maxBodySize: 1024))
        try await harness.gateway.application.test(.router) { client in
            var headers = ProbeDelivery.headers()
            headers[.contentLength] = nil
            let response = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: headers,
                                                    body: ByteBuffer(repeating: UInt8(ascii: "x"), count: 4096))
            #expect(response.status == .contentTooLarge)
            #expect(response.body.json["code"] as? String == "body_too_large")
        }
    }

    @Test("a wrong token records nothing")
    func wrongTokenRecordsNothing() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/webhooks/probe-main", method: .post,
                                                    headers: ProbeDelivery.headers(token: "wrong"),
                                                    body: ProbeDelivery.purchase(order: "1", email: "ann@example.com"))
            #expect(response.status == .unauthorized)
        }
        #expect(try await harness.store.customer(email: "ann@example.com") == nil)
        #expect(await harness.gateway.committer.deliveries == 0)
    }

    @Test("an unknown path is a 404 JSON answer, and GET /health answers ok")
    func healthAndNotFound() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(health.body.text == #"{"status":"ok"}"#)
            let missing = try await client.execute(uri: "/nowhere", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.body.json["code"] as? String == "not_found")
        }
    }
}

/// One way a delivery is refused, and the answer it gets.
struct Refusal: Sendable, CustomTestStringConvertible {
    var instance: String
    var headers: HTTPFields
    var body: String
    var status: HTTPResponse.Status
    var code: String

    var testDescription: String { "\(code) (\(status.code))" }
}
