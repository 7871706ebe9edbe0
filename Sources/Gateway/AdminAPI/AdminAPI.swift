import AccessKernel
import AccessStore
import Foundation
import Hummingbird
import Logging

/// The authenticated admin API under `/v1`: customers, access, payments, imports and
/// exports, operations (inbound log, outbox, mapping) and keys, plus the OpenAPI document
/// that describes it.
///
/// Every route but the document needs `Authorization: Bearer KEY`: a `read` key may GET,
/// an `admin` key may do everything (401 without a valid key, 403 with too small a scope).
/// Support operations run on the ``SupportDesk``; its errors become statuses in
/// ``SupportError/response(report:)``.
struct AdminAPI: Sendable {
    let store: any AccessStore
    /// `nil` when the store does not offer the support tools (a test double): those routes answer 501.
    let desk: SupportDesk?
    /// `nil` when the store keeps no inbound log.
    let inbound: (any InboundLog)?
    let keys: APIKeyVerifier
    /// Woken after a redeliver, so it goes at once.
    let outbox: OutboxWorker?
    /// The mapping in force, swapped by reloads.
    let live: LiveMapping
    /// Reloads on `POST /v1/mapping/reload`; `nil` when the store cannot record mapping changes.
    let reloader: MappingReloader?
    /// The provider kinds a mapping may name.
    let kinds: [ProviderKind]
    let document: OpenAPIDocument
    let logger: Logger

    /// The route table: what is registered, and what the OpenAPI document must describe.
    var routes: [AdminRoute] {
        customerRoutes + accessRoutes + paymentRoutes + transferRoutes + operationRoutes + mappingRoutes + keyRoutes + documentRoutes
    }

    func add(to router: Router<BasicRequestContext>) {
        for route in routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await serve(route, request: request, context: context)
            }
        }
    }

    private func serve(_ route: AdminRoute, request: Request, context: BasicRequestContext) async throws -> Response {
        let key: APIKey? = if let scope = route.scope { try await keys.authenticate(request, scope: scope) } else { nil }
        var admin = AdminRequest(request: request, context: context, key: key)
        do {
            return try await route.handle(&admin)
        } catch let error as SupportError {
            if error.kind == .provider || error.kind == .unsupported {
                logger.info("admin request refused", metadata: [
                    "route": "\(route.description)", "error": "\(error)",
                ])
            }
            return try error.response()
        }
    }

    /// The mapping version in force now.
    var mapping: MappingVersion { live.current.version }

    /// The support desk, or 501 when this store does not offer it.
    func supportDesk() throws -> SupportDesk {
        guard let desk else { throw SupportError(.unsupported, "this gateway's store does not offer the support tools") }
        return desk
    }
}
