import AccessKernel
import Foundation

/// What the mock ThriveCart API answers, endpoint by endpoint (see ``MockThriveCartAPI``).
enum MockThriveCartRoutes {
    static func answer(_ request: MockAPIServer.Request, apiKey: String, ledger: MockThriveCartLedger) -> MockAPIServer.Response {
        guard request.headers["Authorization"] == "Bearer \(apiKey)" else {
            return error(401, "Invalid or missing API key")
        }
        let modeName = request.headers["X-TC-Mode"]?.lowercased() ?? "live"
        guard let mode = Mode(rawValue: modeName) else { return error(400, "X-TC-Mode must be live or test") }
        switch (request.method, request.path) {
        case ("GET", "/ping"):
            return .json(200, ["success": true, "mode": mode.rawValue])
        case ("GET", "/transactions"):
            return transactions(request, mode: mode, ledger: ledger)
        case ("POST", "/refund"):
            return ledger.refund(request.form, mode: mode)
        case ("POST", "/cancelSubscription"):
            return ledger.subscriptionAction(request.form, mode: mode, cancelling: true)
        case ("POST", "/pauseSubscription"), ("POST", "/resumeSubscription"):
            return ledger.subscriptionAction(request.form, mode: mode, cancelling: false)
        default:
            return error(404, "Unknown endpoint \(request.method) \(request.path)")
        }
    }

    private static func transactions(_ request: MockAPIServer.Request, mode: Mode, ledger: MockThriveCartLedger) -> MockAPIServer.Response {
        let type = request.query["transactionType"] ?? "any"
        guard type == "any" || ThriveCartTransaction.Kind(rawValue: type) != nil else {
            return error(400, "transactionType must be any, charge, rebill, refund or cancel")
        }
        let perPage = request.query["perPage"].flatMap { Int($0) } ?? 25
        guard (1...25).contains(perPage) else { return error(400, "perPage must be between 1 and 25") }
        guard let page = Int(request.query["page"] ?? "1"), page >= 1 else { return error(400, "page must be 1 or more") }
        let listed = ledger.entries.withLock { $0 }
            .filter { $0.order.mode == mode && (type == "any" || $0.kind.rawValue == type) }
            .sorted { ($0.date, $0.sequence) > ($1.date, $1.sequence) }
        let start = min((page - 1) * perPage, listed.count)
        let slice = listed[start..<min(start + perPage, listed.count)]
        return .json(200, [
            "transactions": slice.map(\.json),
            "meta": ["page": page, "perPage": perPage, "total": listed.count],
        ] as [String: Any])
    }

    static func error(_ status: Int, _ message: String) -> MockAPIServer.Response {
        .json(status, ["success": false, "error": message] as [String: Any])
    }
}
