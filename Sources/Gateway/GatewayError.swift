import Hummingbird

/// An error answered to an HTTP caller as JSON `{"code": "...", "message": "..."}`.
///
/// Everything a handler throws on purpose is one of these; anything else becomes
/// ``internalError`` in ``JSONErrorMiddleware`` so that nothing internal leaks.
public struct GatewayError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The HTTP status answered.
    public var status: HTTPResponse.Status
    /// A stable, machine-readable code (`unauthenticated`, `body_too_large`).
    public var code: String
    /// A sentence for the person reading the response; never a secret.
    public var message: String

    /// An error answered with `status`, `code` and `message`.
    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// `401 unauthenticated: …`, for logs.
    public var description: String { "\(status.code) \(code): \(message)" }

    /// The JSON body, with its content type.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = JSONObject()
        body.field("code", code)
        body.field("message", message)
        return body.response(status: status)
    }
}

extension GatewayError {
    /// What the caller sees for an error the gateway did not expect; the details are logged.
    public static let internalError = GatewayError(
        .internalServerError, code: "internal_error", message: "the gateway could not handle this request; the details are in its log")

    static func bodyTooLarge(limit: Int) -> GatewayError {
        GatewayError(.contentTooLarge, code: "body_too_large", message: "the body is larger than \(limit) bytes")
    }

    static func unknownInstance(_ instance: String) -> GatewayError {
        GatewayError(.notFound, code: "unknown_instance", message: "no provider instance is configured as \(instance)")
    }

    static let missingKey = GatewayError(
        .unauthorized, code: "unauthenticated", message: "send an API key as Authorization: Bearer KEY")

    static let invalidKey = GatewayError(.unauthorized, code: "unauthenticated", message: "the API key is not valid")

    static let shuttingDown = GatewayError(
        .serviceUnavailable, code: "shutting_down", message: "the gateway is shutting down; deliver again later")
}
