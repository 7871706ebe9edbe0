import Foundation
import Hummingbird
import Logging

/// Turns every error a route throws into a JSON `{code, message}` answer: a
/// ``GatewayError`` as it is, Hummingbird's own HTTP errors with a code for their status,
/// and anything else into a logged 500 that says nothing internal.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GatewayError {
            return try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try Self.translate(error.status).response(from: request, context: context)
        } catch {
            logger.error("request failed", metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "error": "\(error)",
            ])
            return try GatewayError.internalError.response(from: request, context: context)
        }
    }

    private static func translate(_ status: HTTPResponse.Status) -> GatewayError {
        switch status {
        case .notFound: GatewayError(status, code: "not_found", message: "no such endpoint")
        case .methodNotAllowed: GatewayError(status, code: "method_not_allowed", message: "this endpoint does not answer that method")
        case .contentTooLarge: GatewayError(status, code: "body_too_large", message: "the body is too large")
        default: GatewayError(status, code: status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                              message: status.reasonPhrase)
        }
    }
}
