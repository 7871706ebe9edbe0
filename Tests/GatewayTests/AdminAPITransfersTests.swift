import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("admin API: CSV import and export")
struct AdminAPITransfersTests {
    static let csv = """
        name,email,products,courses,expires_at
        Ann Lee,ann@example.com,,web-basics,
        Bob Ray,bob@example.com,,css-mastery,2099-01-01

        """

    static func post(_ client: some TestClientProtocol, _ csv: String, dryRun: Bool = false, key: HTTPFields) async throws -> TestResponse {
        var headers = key
        headers[.contentType] = "text/csv"
        return try await client.execute(uri: "/v1/imports" + (dryRun ? "?dry_run=true" : ""), method: .post, headers: headers,
                                        body: ByteBuffer(string: csv))
    }

    @Test("a dry run reports and changes nothing; the import applies; importing again changes nothing")
    func importIdempotent() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let dry = try await Self.post(client, Self.csv, dryRun: true, key: admin)
            #expect(dry.status == .ok, "\(dry.body.text)")
            #expect(dry.body.json["dry_run"] as? Bool == true)
            #expect(dry.body.json["rows"] as? Int == 2)
            #expect(try await client.call(.get, "/v1/customers", key: admin).items.isEmpty)

            let applied = try await Self.post(client, Self.csv, key: admin)
            #expect(applied.status == .ok, "\(applied.body.text)")
            #expect(applied.body.json["created"] as? Int == 2)
            #expect(try await client.call(.get, "/v1/customers", key: admin).items.count == 2)

            let again = try await Self.post(client, Self.csv, key: admin)
            #expect(again.body.json["unchanged"] as? Int == 2)
            #expect(again.body.json["created"] as? Int == 0)
        }
    }

    @Test("malformed rows are reported by line number, with 422, and nothing is imported")
    func importRefusesRows() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        let csv = """
            name,email,products,courses,expires_at
            Ann Lee,ann@example.com,,web-basics,
            Bob,not-an-email,,web-basics,
            Cy,cy@example.com,,no-such-course,

            """
        try await harness.gateway.application.test(.router) { client in
            let response = try await Self.post(client, csv, key: admin)
            #expect(response.status == .unprocessableContent, "\(response.body.text)")
            #expect(response.code == "invalid")
            let report = try #require(response.body.json["report"] as? [String: Any])
            let rows = (report["errors"] as? [[String: Any]])?.compactMap { $0["row"] as? Int }
            #expect(rows == [3, 4])
            #expect(try await client.call(.get, "/v1/customers", key: admin).items.isEmpty)
        }
    }

    @Test("a course's export is CSV with status, and spreadsheet formulas neutralised")
    func export() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let added = try await client.call(.post, "/v1/customers", key: admin,
                                              json: #"{"name": "=HYPERLINK(\"http://x.example\")", "email": "ann@example.com", "courses": ["web-basics"]}"#)
            #expect(added.status == .created, "\(added.body.text)")
            let response = try await client.call(.get, "/v1/courses/web-basics/export.csv", key: read)
            #expect(response.status == .ok, "\(response.body.text)")
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = response.body.text.split(whereSeparator: \.isNewline)
            #expect(lines.count == 2, "\(response.body.text)")
            #expect(lines.last?.contains("ann@example.com") == true)
            #expect(lines.last?.contains("active") == true)
            #expect(lines.last?.contains(#""'=HYPERLINK(""http://x.example"")""#) == true, "\(response.body.text)")
            #expect(try await client.call(.get, "/v1/courses/nope/export.csv", key: read).status == .notFound)
        }
    }
}
