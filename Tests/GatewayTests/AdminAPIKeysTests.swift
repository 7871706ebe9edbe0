import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("admin API: keys")
struct AdminAPIKeysTests {
    @Test("a created key's secret is answered once; the list shows names and scopes only")
    func createAndList() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let created = try await client.call(.post, "/v1/keys", key: admin, json: #"{"name": "course-site", "scope": "read"}"#)
            #expect(created.status == .created)
            let secret = try #require(created.body.json["secret"] as? String)
            #expect(secret.hasPrefix("cg_read_"))
            #expect(created.body.json["name"] as? String == "course-site")
            #expect(created.body.json["scope"] as? String == "read")
            #expect(created.body.json["created_at"] is String)

            let list = try await client.call(.get, "/v1/keys", key: admin)
            #expect(list.status == .ok)
            #expect(list.items.map { $0["name"] as? String } == ["test", "course-site"])
            #expect(list.items.allSatisfy { $0["secret"] == nil })
            #expect(!list.body.text.contains(secret))

            let access = try await client.call(.get, "/v1/access?email=ann@example.com&course=web-basics",
                                               key: [.authorization: "Bearer \(secret)"])
            #expect(access.status == .ok)
        }
    }

    @Test("a revoked key is refused on its very next request, though it was just verified")
    func revokedAtOnce() async throws {
        let harness = try await GatewayHarness.make(configuration: GatewayConfiguration(port: 0, keyCacheLifetime: .seconds(3600)))
        let admin = try await harness.authorization(scope: .admin)
        let (key, secret) = try await harness.store.createKey(name: "old-site", scope: .read, now: Date())
        let old: HTTPFields = [.authorization: "Bearer \(secret)"]
        try await harness.gateway.application.test(.router) { client in
            // Verified once, so the gateway remembers it.
            #expect(try await client.call(.get, "/v1/mapping", key: old).status == .ok)

            let revoked = try await client.call(.delete, "/v1/keys/\(key.id)", key: admin)
            #expect(revoked.status == .ok)
            #expect(revoked.body.json["revoked"] as? Bool == true)

            let refused = try await client.call(.get, "/v1/mapping", key: old)
            #expect(refused.status == .unauthorized)
            #expect(refused.code == "unauthenticated")
            let list = try await client.call(.get, "/v1/keys", key: admin)
            #expect(!list.items.contains { $0["name"] as? String == "old-site" })
        }
    }

    @Test("revoking a key that does not exist, or twice, is 404 JSON")
    func revokeUnknown() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        let (key, _) = try await harness.store.createKey(name: "spare", scope: .read, now: Date())
        try await harness.gateway.application.test(.router) { client in
            #expect(try await client.call(.delete, "/v1/keys/\(key.id)", key: admin).status == .ok)
            for uri in ["/v1/keys/\(key.id)", "/v1/keys/999", "/v1/keys/abc"] {
                let response = try await client.call(.delete, uri, key: admin)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.code == "not_found")
            }
        }
    }

    @Test("a key needs a name and a scope of read or admin: 422 naming the field")
    func createInvalid() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let cases: [(body: String, field: String)] = [
                (#"{"scope": "read"}"#, "name"),
                (#"{"name": "x", "scope": "owner"}"#, "scope"),
                (#"{"name": "   ", "scope": "read"}"#, "name"),
                (#"{"name": 7, "scope": "read"}"#, "name"),
                ("not json", "body"),
            ]
            for (body, field) in cases {
                let response = try await client.call(.post, "/v1/keys", key: admin, json: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(response.code == "invalid")
                #expect(response.body.json["field"] as? String == field, "\(body): \(response.body.text)")
            }
        }
    }
}
