import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

/// Calls to the admin API as the tests make them: a key of a scope, a JSON body as text.
extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, key: HTTPFields = [:], json: String? = nil) async throws -> TestResponse {
        var headers = key
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The `items` of a list answer.
    var items: [[String: Any]] { body.json["items"] as? [[String: Any]] ?? [] }

    /// `code` of an error answer.
    var code: String? { body.json["code"] as? String }
}

extension TestClientProtocol {
    /// Records a purchase through the webhook, as a provider would.
    func purchase(order: String, email: String, product: String = "12") async throws {
        let response = try await execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                body: ProbeDelivery.purchase(order: order, email: email, product: product))
        #expect(response.status == .ok, "\(response.body.text)")
    }
}

extension GatewayHarness {
    /// The id of the customer an email belongs to.
    func customerID(_ email: String) async throws -> Int64 {
        try #require(try await store.customer(email: email)).id
    }
}

/// A route of the server with its parameters filled in, for calling every route.
struct RouteCall {
    var method: HTTPRequest.Method
    var path: String

    init(_ route: String) {
        let parts = route.split(separator: " ", maxSplits: 1)
        method = HTTPRequest.Method(String(parts[0])) ?? .get
        path = String(parts[1])
    }

    /// The path with `{id}` and the other parameters replaced by sample values.
    var uri: String {
        path.replacingOccurrences(of: "{id}", with: "1")
            .replacingOccurrences(of: "{course}", with: "web-basics")
            .replacingOccurrences(of: "{subscription}", with: "sub_1")
            .replacingOccurrences(of: "{instance}", with: "probe-main")
    }

    /// Routes that answer without a key.
    var isOpen: Bool { !path.hasPrefix("/v1/") || path == "/v1/openapi.yaml" }

    /// A `read` key may call it: every GET but the key list.
    var readKeyMay: Bool { method == .get && path != "/v1/keys" }
}
