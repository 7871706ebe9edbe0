import Hummingbird

/// The one place a ``SupportError`` becomes an HTTP answer: not found 404, invalid 422
/// (with `field`), conflict 409, unsupported 501, provider 502; the body is the gateway's
/// error JSON, `{"code", "message", "field"}`.
extension SupportError {
    var status: HTTPResponse.Status {
        switch kind {
        case .notFound: .notFound
        case .invalid: .unprocessableContent
        case .conflict: .conflict
        case .unsupported: .notImplemented
        case .provider: .badGateway
        }
    }

    var code: String {
        switch kind {
        case .notFound: "not_found"
        case .invalid: "invalid"
        case .conflict: "conflict"
        case .unsupported: "unsupported"
        case .provider: "provider_error"
        }
    }

    /// The error JSON; `report` rides along for an import that refused rows.
    func response(report: ImportReport? = nil) throws -> Response {
        try AdminJSON.response(AdminErrorBody(code: code, message: message, field: field, report: report), status: status)
    }
}

/// The error JSON of the admin API: the gateway's `code` and `message`, plus the field at
/// fault for 422 and the per-row report of a refused import.
struct AdminErrorBody: Encodable {
    var code: String
    var message: String
    var field: String?
    var report: ImportReport?
}
