import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

/// The OpenAPI document (`Sources/Gateway/Resources/openapi.yaml`): valid, describing every
/// route the server registers and no other, and served as it is.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let document = root.appendingPathComponent("Sources/Gateway/Resources/openapi.yaml")
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// `METHOD /path` of every operation in the document.
    static func documentedRoutes() throws -> Set<String> {
        let text = try String(contentsOf: document, encoding: .utf8)
        let root = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(root["paths"] as? [String: Any])
        var routes = Set<String>()
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys where methods.contains(method) {
                routes.insert("\(method.uppercased()) \(path)")
            }
        }
        return routes
    }

    @Test("the document validates with openapi-spec-validator (scripts/install-deps installs it)")
    func validates() throws {
        let validator = Self.root.appendingPathComponent(".build-venv/bin/openapi-spec-validator")
        guard FileManager.default.isExecutableFile(atPath: validator.path) else {
            Issue.record("\(validator.path) is missing: run scripts/install-deps")
            return
        }
        let process = Process()
        process.executableURL = validator
        process.arguments = [Self.document.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("OK"), "\(text)")
    }

    @Test("every route the server registers is in the document, and every documented route exists")
    func routesMatch() async throws {
        let harness = try await GatewayHarness.make()
        // The HTML pages for people (/admin, /hub) are not the API the document describes.
        let registered = Set(harness.gateway.routes.filter { !$0.contains(" /admin") && !$0.contains(" /hub") })
        let documented = try Self.documentedRoutes()
        #expect(registered.subtracting(documented).sorted() == [], "registered but not documented")
        #expect(documented.subtracting(registered).sorted() == [], "documented but not registered")
        #expect(registered.count >= 30)
    }

    @Test("every route under /v1 but the document itself declares the bearer key; the others declare none")
    func security() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let root = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect((root["security"] as? [[String: Any]])?.first?["bearer"] != nil)
        let paths = try #require(root["paths"] as? [String: Any])
        for (path, item) in paths {
            for (method, operation) in item as? [String: Any] ?? [:] where Self.methods.contains(method) {
                let security = (operation as? [String: Any])?["security"] as? [Any]
                let open = !path.hasPrefix("/v1/") || path == "/v1/openapi.yaml"
                #expect((security?.isEmpty == true) == open, "\(method) \(path)")
            }
        }
    }

    @Test("GET /v1/openapi.yaml serves the document as YAML")
    func served() async throws {
        let harness = try await GatewayHarness.make()
        let expected = try String(contentsOf: Self.document, encoding: .utf8)
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/v1/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(response.body.text == expected)
        }
    }
}
