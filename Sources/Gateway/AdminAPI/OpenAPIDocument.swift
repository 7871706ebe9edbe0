import Foundation
import Hummingbird

/// The OpenAPI document of the gateway's HTTP API (`Resources/openapi.yaml`), served at
/// `GET /v1/openapi.yaml` without a key.
///
/// It is looked up beside the executable (SwiftPM's `Coursegate_Gateway.resources`
/// folder) rather than through `Bundle.module`, which would stop the process when the
/// folder was not installed with the binary; then the route answers 503 instead.
struct OpenAPIDocument: Sendable {
    /// The document's text, or `nil` when it was not found.
    let text: String?

    /// The document as installed beside the running executable.
    static func installed() -> OpenAPIDocument {
        let candidates = [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()]
            .compactMap { $0?.appendingPathComponent("Coursegate_Gateway.resources/Resources/openapi.yaml") }
        for url in candidates {
            if let text = try? String(contentsOf: url, encoding: .utf8) { return OpenAPIDocument(text: text) }
        }
        return OpenAPIDocument(text: nil)
    }
}

extension AdminAPI {
    var documentRoutes: [AdminRoute] {
        [
            AdminRoute(.get, "/v1/openapi.yaml", scope: nil) { _ in
                guard let text = document.text else {
                    throw GatewayError(.serviceUnavailable, code: "document_missing",
                                       message: "the OpenAPI document was not installed beside the coursegate binary")
                }
                return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            },
        ]
    }
}
