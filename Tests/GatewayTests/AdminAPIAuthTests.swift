import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

/// Every `/v1` route, taken from the routes the server registered: no key or a wrong one is
/// 401 JSON, a `read` key on a route that changes something (or lists keys) is 403 JSON.
@Suite("admin API: keys and scopes on every route")
struct AdminAPIAuthTests {
    static func keyedRoutes(_ harness: GatewayHarness) -> [RouteCall] {
        harness.gateway.routes.map(RouteCall.init).filter { !$0.isOpen }
    }

    @Test("the server has the admin routes")
    func routesRegistered() async throws {
        let harness = try await GatewayHarness.make()
        let routes = harness.gateway.routes
        for route in ["GET /v1/customers", "POST /v1/customers", "GET /v1/customers/{id}", "PATCH /v1/customers/{id}",
                      "PUT /v1/customers/{id}/access", "POST /v1/imports", "GET /v1/deliveries", "DELETE /v1/keys/{id}",
                      "GET /v1/courses/{course}/export.csv", "GET /v1/openapi.yaml", "GET /v1/access", "GET /health"] {
            #expect(routes.contains(route), "\(route)")
        }
    }

    @Test("every /v1 route but the document answers 401 JSON without a key")
    func noKey() async throws {
        let harness = try await GatewayHarness.make()
        let routes = Self.keyedRoutes(harness)
        #expect(routes.count >= 25)
        try await harness.gateway.application.test(.router) { client in
            for route in routes {
                let response = try await client.call(route.method, route.uri, json: route.method == .get ? nil : "{}")
                #expect(response.status == .unauthorized, "\(route.method) \(route.path): \(response.status)")
                #expect(response.code == "unauthenticated", "\(route.method) \(route.path)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test("every /v1 route but the document answers 401 JSON to a key that does not exist")
    func unknownKey() async throws {
        let harness = try await GatewayHarness.make()
        let routes = Self.keyedRoutes(harness)
        try await harness.gateway.application.test(.router) { client in
            for route in routes {
                let response = try await client.call(route.method, route.uri, key: [.authorization: "Bearer cg_admin_nope"],
                                                     json: route.method == .get ? nil : "{}")
                #expect(response.status == .unauthorized, "\(route.method) \(route.path): \(response.status)")
                #expect(response.code == "unauthenticated")
            }
        }
    }

    @Test("a read key gets 403 JSON on every route that changes something, and on the key list")
    func readKeyForbidden() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        let routes = Self.keyedRoutes(harness).filter { !$0.readKeyMay }
        #expect(routes.contains { $0.path == "/v1/keys" && $0.method == .get })
        try await harness.gateway.application.test(.router) { client in
            for route in routes {
                let response = try await client.call(route.method, route.uri, key: read, json: route.method == .get ? nil : "{}")
                #expect(response.status == .forbidden, "\(route.method) \(route.path): \(response.status)")
                #expect(response.code == "forbidden")
                #expect(response.body.json["message"] as? String == "this needs a key with the admin scope")
            }
        }
    }

    @Test("a read key passes authentication on every other GET")
    func readKeyReads() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        let routes = Self.keyedRoutes(harness)
        try await harness.gateway.application.test(.router) { client in
            for route in routes where route.readKeyMay {
                let response = try await client.call(route.method, route.uri, key: read)
                #expect(response.status != .unauthorized && response.status != .forbidden,
                        "\(route.method) \(route.path): \(response.status)")
            }
        }
    }

    @Test("an admin key passes authentication on every route")
    func adminKeyDoesEverything() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        let routes = Self.keyedRoutes(harness)
        try await harness.gateway.application.test(.router) { client in
            for route in routes where route.method != .delete || route.path != "/v1/keys/{id}" {
                let response = try await client.call(route.method, route.uri, key: admin, json: route.method == .get ? nil : "{}")
                #expect(response.status != .unauthorized && response.status != .forbidden,
                        "\(route.method) \(route.path): \(response.status)")
                #expect(response.status != .internalServerError, "\(route.method) \(route.path): \(response.body.text)")
            }
        }
    }

    @Test("the OpenAPI document needs no key")
    func documentIsOpen() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.call(.get, "/v1/openapi.yaml")
            #expect(response.status == .ok)
        }
    }
}
