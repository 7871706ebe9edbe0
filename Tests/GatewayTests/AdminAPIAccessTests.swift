import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("admin API: access rights, revoke, restore, expiry")
struct AdminAPIAccessTests {
    /// Ann, who bought web-basics, and her id.
    static func ann(_ client: some TestClientProtocol, key: HTTPFields) async throws -> Int {
        try await client.purchase(order: "1", email: "ann@example.com")
        return try #require(try await client.call(.get, "/v1/customers?q=ann", key: key).items.first?["id"] as? Int)
    }

    @Test("setting the courses a customer has answers what changed; an unknown course is 422 naming it")
    func setAccess() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let id = try await Self.ann(client, key: admin)
            let response = try await client.call(.put, "/v1/customers/\(id)/access", key: admin, json: #"{"courses": ["css-mastery"]}"#)
            #expect(response.status == .ok, "\(response.body.text)")
            let changes = try #require(response.body.json["changes"] as? [[String: Any]])
            let after = Dictionary(uniqueKeysWithValues: changes.map { ($0["course"] as? String ?? "", $0["after"] as? String) })
            #expect(after == ["css-mastery": "active", "web-basics": "revoked"])

            let unknown = try await client.call(.put, "/v1/customers/\(id)/access", key: admin, json: #"{"courses": ["nope"]}"#)
            #expect(unknown.status == .unprocessableContent, "\(unknown.body.text)")
            #expect(unknown.body.json["field"] as? String == "courses[0]")
        }
    }

    @Test("a revoke takes the course away with the admin's message; restore brings it back")
    func revokeRestore() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let id = try await Self.ann(client, key: admin)
            let revoked = try await client.call(.post, "/v1/customers/\(id)/access/web-basics/revoke", key: admin,
                                                json: #"{"message": "Paused while we sort out your invoice."}"#)
            #expect(revoked.status == .ok, "\(revoked.body.text)")
            #expect((revoked.body.json["changes"] as? [[String: Any]])?.first?["after"] as? String == "revoked")
            let check = try await client.call(.get, "/v1/access?email=ann@example.com&course=web-basics", key: admin)
            #expect(check.body.json["status"] as? String == "revoked")
            #expect(check.body.json["message"] as? String == "Paused while we sort out your invoice.")
            let courses = try await client.call(.get, "/v1/courses", key: admin)
            #expect(courses.items.first { $0["id"] as? String == "web-basics" }?["active"] as? Int == 0)

            let restored = try await client.call(.post, "/v1/customers/\(id)/access/web-basics/restore", key: admin)
            #expect(restored.status == .ok, "\(restored.body.text)")
            let again = try await client.call(.get, "/v1/access?email=ann@example.com&course=web-basics", key: admin)
            #expect(again.body.json["status"] as? String == "active")

            let twice = try await client.call(.post, "/v1/customers/\(id)/access/web-basics/restore", key: admin)
            #expect(twice.status == .conflict)
            let noCourse = try await client.call(.post, "/v1/customers/\(id)/access/nope/revoke", key: admin)
            #expect(noCourse.status == .notFound)
        }
    }

    @Test("expiry can be set, changed and removed on one course")
    func expiry() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let id = try await Self.ann(client, key: admin)
            let set = try await client.call(.put, "/v1/customers/\(id)/access/web-basics/expiry", key: admin,
                                            json: #"{"expires_at": "2099-12-31T23:59:59Z"}"#)
            #expect(set.status == .ok, "\(set.body.text)")
            let check = try await client.call(.get, "/v1/access?email=ann@example.com&course=web-basics", key: admin)
            #expect(check.body.json["expires_at"] as? String == "2099-12-31T23:59:59Z")

            let removed = try await client.call(.delete, "/v1/customers/\(id)/access/web-basics/expiry", key: admin)
            #expect(removed.status == .ok, "\(removed.body.text)")
            let after = try await client.call(.get, "/v1/access?email=ann@example.com&course=web-basics", key: admin)
            #expect(after.body.json["expires_at"] is NSNull)

            let bad = try await client.call(.put, "/v1/customers/\(id)/access/web-basics/expiry", key: admin,
                                            json: #"{"expires_at": "soon"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.json["field"] as? String == "expires_at")
            let missing = try await client.call(.put, "/v1/customers/\(id)/access/web-basics/expiry", key: admin, json: "{}")
            #expect(missing.body.json["field"] as? String == "expires_at")
        }
    }
}
