import AccessStore
import Hummingbird

/// One route of the admin API: method, path (OpenAPI style, `{id}`), the key scope it
/// needs (`nil`: no key), and what it does. The API's route table is a list of these, so
/// the routes registered and the ones compared with the OpenAPI document are the same.
struct AdminRoute: Sendable {
    var method: HTTPRequest.Method
    var path: String
    var scope: APIKey.Scope?
    var handle: @Sendable (inout AdminRequest) async throws -> Response

    init(_ method: HTTPRequest.Method, _ path: String, scope: APIKey.Scope?,
         _ handle: @escaping @Sendable (inout AdminRequest) async throws -> Response) {
        self.method = method
        self.path = path
        self.scope = scope
        self.handle = handle
    }

    /// `GET /v1/customers`, as routes and the OpenAPI document name it.
    var description: String { "\(method.rawValue) \(path)" }
}
