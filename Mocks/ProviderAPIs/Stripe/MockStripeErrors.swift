/// Stripe's error answers: `{"error": {"code", "doc_url", "message", "param", "request_log_url", "type"}}`,
/// written as Stripe writes them (pretty, fields by name).
enum MockStripeErrors {
    static func error(_ status: Int, type: String = "invalid_request_error", code: String? = nil,
                      message: String, param: String? = nil) -> MockAPIServer.Response {
        let body: StripeJSON = .fields([
            "error": .fields([
                "code": .string(code),
                "doc_url": .string(code.map { "https://stripe.com/docs/error-codes/\($0.replacingOccurrences(of: "_", with: "-"))" }),
                "message": .string(message),
                "param": .string(param),
                "request_log_url": "https://dashboard.stripe.com/test/logs/req_MockCoursegate1?t=1720000000",
                "type": .string(type),
            ]),
        ])
        return MockStripeErrors.json(status, body)
    }

    static func json(_ status: Int, _ value: StripeJSON) -> MockAPIServer.Response {
        MockAPIServer.Response(status: status, headers: [("Content-Type", "application/json"), ("Request-Id", "req_MockCoursegate1")],
                               body: StripeJSONWriter.encode(value))
    }

    static func missing(_ kind: String, _ id: String, param: String = "id") -> MockAPIServer.Response {
        error(404, code: "resource_missing", message: "No such \(kind): '\(id)'", param: param)
    }
}
