import Foundation
@testable import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

/// How support errors and bad input become HTTP answers: one mapping for every route.
@Suite("admin API: errors")
struct AdminAPIErrorTests {
    @Test("each kind of support error has its status and code; invalid names the field", arguments: [
        (SupportError(.notFound, "no customer 9"), 404, "not_found"),
        (SupportError(.invalid, "not an email address", field: "email"), 422, "invalid"),
        (SupportError(.conflict, "belongs to another customer"), 409, "conflict"),
        (SupportError(.unsupported, "SendOwl cannot pause"), 501, "unsupported"),
        (SupportError(.provider, "ThriveCart answered 500"), 502, "provider_error"),
    ])
    func mapping(error: SupportError, status: Int, code: String) async throws {
        let router = Router()
        router.get("/failing") { _, _ in try error.response() }
        try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/failing", method: .get)
            #expect(response.status.code == status)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = response.body.json
            #expect(json["code"] as? String == code)
            #expect(json["message"] as? String == error.message)
            #expect(json["field"] as? String == error.field)
        }
    }

    @Test("dates are written as ISO 8601 date-times and read with or without fractional seconds, or as a day")
    func dates() throws {
        #expect(AdminJSON.format(Date(timeIntervalSince1970: 1_800_000_000)) == "2027-01-15T08:00:00Z")
        #expect(AdminJSON.format(Date(timeIntervalSince1970: 1_800_000_000.25)) == "2027-01-15T08:00:00.250Z")
        #expect(AdminJSON.parseDate("2027-01-15T08:00:00Z") == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(AdminJSON.parseDate("2027-01-15T08:00:00.250Z") == Date(timeIntervalSince1970: 1_800_000_000.25))
        #expect(AdminJSON.parseDate("2027-01-15") == Date(timeIntervalSince1970: 1_800_000_000 - 8 * 3600))
        #expect(AdminJSON.parseDate("next week") == nil)
    }

    @Test("a body that is not JSON, or of the wrong shape, is 422 naming the field")
    func badBodies() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let cases: [(String, String)] = [
                ("{", "body"),
                ("[1, 2]", "body"),
                (#"{"email": 12}"#, "email"),
                (#"{"email": "a@example.com", "courses": "web-basics"}"#, "courses"),
                (#"{"email": "a@example.com", "courses": ["web-basics", 3]}"#, "courses[1]"),
                (#"{"email": null}"#, "email"),
            ]
            for (body, field) in cases {
                let response = try await client.call(.post, "/v1/customers", key: admin, json: body)
                #expect(response.status == .unprocessableContent, "\(body): \(response.body.text)")
                #expect(response.body.json["field"] as? String == field, "\(body): \(response.body.text)")
            }
        }
    }

    @Test("a path id that is not a number names nothing: 404")
    func nonNumericID() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            for uri in ["/v1/customers/abc", "/v1/customers/1e3/access/web-basics/restore"] {
                let method: HTTPRequest.Method = uri.hasSuffix("restore") ? .post : .get
                let response = try await client.call(method, uri, key: admin)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.code == "not_found")
            }
        }
    }

    @Test("unknown routes and methods still answer JSON")
    func unknownRoute() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let missing = try await client.call(.get, "/v1/nothing", key: admin)
            #expect(missing.status == .notFound)
            #expect(missing.code == "not_found")
        }
    }
}
