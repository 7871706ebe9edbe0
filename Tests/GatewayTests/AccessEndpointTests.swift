import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("GET /v1/access")
struct AccessEndpointTests {
    @Test("without an API key the answer is 401 JSON")
    func noKey() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/v1/access?email=ann@example.com&course=web-basics", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.body.json["code"] as? String == "unauthenticated")
        }
    }

    @Test("with a key that does not exist the answer is 401 JSON")
    func badKey() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            for header in ["Bearer cg_read_0000", "Basic abc", "Bearer "] {
                let response = try await client.execute(uri: "/v1/access?email=ann@example.com&course=web-basics",
                                                        method: .get, headers: [.authorization: header])
                #expect(response.status == .unauthorized, "\(header)")
                #expect(response.body.json["code"] as? String == "unauthenticated")
            }
        }
    }

    @Test("with a read key, a customer who bought the course has access with no expiry")
    func activeAccess() async throws {
        let harness = try await GatewayHarness.make()
        let authorization = try await harness.authorization(scope: .read)
        try await harness.gateway.application.test(.router) { client in
            _ = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                         body: ProbeDelivery.purchase(order: "1", email: "ann@example.com"))
            let response = try await client.execute(uri: "/v1/access?email=ANN%40example.com&course=web-basics",
                                                    method: .get, headers: authorization)
            #expect(response.status == .ok)
            #expect(response.body.json["access"] as? Bool == true)
            #expect(response.body.json["status"] as? String == "active")
            #expect(response.body.json["expires_at"] is NSNull)
            #expect(response.body.json["message"] == nil)
        }
    }

    @Test("the Bearer scheme may be written in any case, with spaces around the key")
    func bearerSpelling() async throws {
        let harness = try await GatewayHarness.make()
        let (_, secret) = try await harness.store.createKey(name: "site", scope: .read, now: Date())
        try await harness.gateway.application.test(.router) { client in
            for header in ["bearer \(secret)", "BEARER   \(secret)  "] {
                let response = try await client.execute(uri: "/v1/access?email=ann@example.com&course=web-basics",
                                                        method: .get, headers: [.authorization: header])
                #expect(response.status == .ok, "\(header)")
            }
            let glued = try await client.execute(uri: "/v1/access?email=ann@example.com&course=web-basics",
                                                 method: .get, headers: [.authorization: "Bearer\(secret)"])
            #expect(glued.status == .unauthorized)
        }
    }

    @Test("an unknown customer has no access, status none")
    func unknownCustomer() async throws {
        let harness = try await GatewayHarness.make()
        let authorization = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/v1/access?email=nobody@example.com&course=web-basics",
                                                    method: .get, headers: authorization)
            #expect(response.status == .ok)
            #expect(response.body.text == #"{"access":false,"status":"none","expires_at":null}"#)
        }
    }

    @Test("a refunded purchase is revoked, with the course's revoked message")
    func revokedWithMessage() async throws {
        let harness = try await GatewayHarness.make()
        let authorization = try await harness.authorization()
        try await harness.gateway.application.test(.router) { client in
            for body in [ProbeDelivery.purchase(order: "7", email: "bo@example.com", product: "14"),
                         ProbeDelivery.refund(order: "7")] {
                let response = try await client.execute(uri: "/webhooks/probe-main", method: .post,
                                                        headers: ProbeDelivery.headers(), body: body)
                #expect(response.status == .ok, "\(response.body.text)")
            }
            let response = try await client.execute(uri: "/v1/access?email=bo@example.com&course=css-mastery",
                                                    method: .get, headers: authorization)
            #expect(response.body.json["access"] as? Bool == false)
            #expect(response.body.json["status"] as? String == "revoked")
            #expect(response.body.json["message"] as? String == "Write to help@school.example.com to get back in.")
        }
    }

    @Test("a missing email or course is 400, an unknown course 404, both JSON")
    func badQuestions() async throws {
        let harness = try await GatewayHarness.make()
        let authorization = try await harness.authorization()
        try await harness.gateway.application.test(.router) { client in
            for uri in ["/v1/access?course=web-basics", "/v1/access?email=ann@example.com", "/v1/access?email=&course=web-basics"] {
                let response = try await client.execute(uri: uri, method: .get, headers: authorization)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.body.json["code"] as? String == "missing_parameter")
            }
            let unknown = try await client.execute(uri: "/v1/access?email=ann@example.com&course=basket-weaving",
                                                   method: .get, headers: authorization)
            #expect(unknown.status == .notFound)
            #expect(unknown.body.json["code"] as? String == "unknown_course")
        }
    }
}
