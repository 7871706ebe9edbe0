import AccessStore
import Foundation
import Hummingbird

extension AdminAPI {
    /// Listing, creating and revoking API keys; admin keys only, GET included.
    var keyRoutes: [AdminRoute] {
        [
            AdminRoute(.get, "/v1/keys", scope: .admin) { _ in
                try AdminJSON.response(ListBody(try await store.keys().map { KeyBody($0) }))
            },
            AdminRoute(.post, "/v1/keys", scope: .admin) { request in
                let body = try await request.body(NewKeyBody.self)
                let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !name.isEmpty, name.count <= 100 else {
                    throw SupportError(.invalid, "name must be 1 to 100 characters", field: "name")
                }
                let (key, secret) = try await store.createKey(name: name, scope: body.scope, now: Date())
                return try AdminJSON.response(KeyBody(key, secret: secret), status: .created)
            },
            AdminRoute(.delete, "/v1/keys/{id}", scope: .admin) { request in
                let id = try request.id("id", naming: "key")
                guard try await store.revokeKey(id: id, now: Date()) else { throw SupportError(.notFound, "no live key \(id)") }
                keys.forget(keyID: id)
                return try AdminJSON.response(RevokedKeyBody(id: id, revoked: true))
            },
        ]
    }
}

/// `{"id": 3, "revoked": true}`.
struct RevokedKeyBody: Encodable {
    var id: Int64
    var revoked: Bool
}
