import AdapterKit
import Foundation

/// How the mock SendOwl API answers one request; see ``MockSendOwlAPI`` for what it serves.
struct MockSendOwlRoutes: Sendable {
    typealias Request = MockAPIServer.Request
    typealias Response = MockAPIServer.Response

    let account: MockSendOwlAccount
    /// The `Authorization` value the account accepts.
    let authorization: String

    static func basic(_ key: String, _ secret: String) -> String {
        "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()
    }

    func answer(_ request: Request) -> Response {
        guard request.headers["Authorization"] == authorization else {
            return .json(401, ["error": "HTTP Basic: Access denied."])
        }
        guard request.headers["Accept"]?.lowercased().contains("application/json") == true else {
            return Response(status: 415, body: Array("Accept must be application/json or application/xml".utf8))
        }
        let parts = request.path.split(separator: "/").map(String.init)
        switch (request.method, parts) {
        case ("GET", ["api", "v1_3", "orders"]):
            return list(request.query)
        case ("GET", let path) where path.count == 4 && path.starts(with: ["api", "v1_3", "orders"]):
            guard let entry = account.entry(path[3]) else { return notFound }
            return ok(MockSendOwlAPI.apiOrder(entry.order, updatedAt: entry.updatedAt))
        case ("POST", let path) where path.count == 5 && path.starts(with: ["api", "v1", "orders"]) && path[4] == "refund":
            return refund(path[3], amount: request.json?["amount"].map { "\($0)" } ?? request.form["amount"])
        case ("PUT", let path) where path.count == 5 && path.starts(with: ["api", "v1", "orders"]) && path[4] == "cancel_subscription":
            return cancel(path[3])
        default:
            return notFound
        }
    }

    private var notFound: Response { .json(404, ["error": "Not found"]) }

    private func ok(_ json: SendOwlJSON) -> Response {
        Response(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: json.encoded)
    }

    /// SendOwl's refusal: 422 with `[["field","message"]]`.
    private func refused(_ field: String, _ message: String) -> Response { .json(422, [[field, message]]) }

    private func list(_ query: [String: String]) -> Response {
        guard let perPage = Int(query["per_page"] ?? "10"), (1...50).contains(perPage) else {
            return refused("per_page", "must be between 1 and 50")
        }
        guard let page = Int(query["page"] ?? "1"), page >= 1 else { return refused("page", "must be 1 or more") }
        var dates: [String: Date] = [:]
        for name in ["updated_after", "from", "to"] {
            guard let text = query[name] else { continue }
            guard let date = CalendarTimestamp.parse(text, allowingDateOnly: true) else {
                return refused(name, "is not a valid date")
            }
            dates[name] = date
        }
        let matching = account.withEntries { entries in
            entries.filter { entry in
                dates["updated_after"].map { entry.updatedAt >= $0 } ?? true
                    && dates["from"].map { entry.order.completedCheckoutAt >= $0 } ?? true
                    && dates["to"].map { entry.order.completedCheckoutAt <= $0 } ?? true
                    && query["state"].map { entry.order.state == $0 } ?? true
            }
        }
        let start = (page - 1) * perPage
        let shown = start < matching.count ? Array(matching[start..<min(start + perPage, matching.count)]) : []
        return ok(.array(shown.map { MockSendOwlAPI.apiOrder($0.order, updatedAt: $0.updatedAt) }))
    }

    private func refund(_ orderID: String, amount: String?) -> Response {
        guard let entry = account.entry(orderID) else { return notFound }
        let order = entry.order
        let payments = order.transactions.filter { !$0.refund }.compactMap { MockMoney.cents($0.gross) }
        let paid = payments.isEmpty ? (order.settledGross.flatMap(MockMoney.cents) ?? 0) : payments.reduce(0, +)
        let refunded = order.transactions.filter(\.refund).compactMap { MockMoney.cents($0.gross) }.map(abs).reduce(0, +)
        let remaining = paid - refunded
        guard remaining > 0 else { return refused("order", "has already been fully refunded") }
        var cents = remaining
        if let amount {
            guard let asked = MockMoney.cents(amount), asked > 0 else { return refused("amount", "is not a valid amount") }
            guard asked <= remaining else {
                return refused("amount", "can't be more than \(MockMoney.decimal(remaining))")
            }
            cents = asked
        }
        let refundNumber = order.transactions.filter(\.refund).count + 1
        let now = Date()
        account.change(orderID, at: now) {
            $0.refunding(MockMoney.decimal(cents), transactionID: "re_mock_\(order.number)_\(refundNumber)", at: now)
        }
        guard let after = account.entry(orderID) else { return notFound }
        return ok(MockSendOwlAPI.apiOrder(after.order, updatedAt: after.updatedAt))
    }

    private func cancel(_ orderID: String) -> Response {
        guard let entry = account.entry(orderID) else { return notFound }
        guard entry.order.forSubscription else { return refused("order", "is not a subscription") }
        guard entry.order.state != "subscription_cancelled" else { return refused("subscription", "has already been cancelled") }
        account.change(orderID, at: Date()) {
            $0.inState("subscription_cancelled", nextPaymentDate: $0.nextPaymentDate, accessAllowed: false)
        }
        guard let after = account.entry(orderID) else { return notFound }
        return ok(MockSendOwlAPI.apiOrder(after.order, updatedAt: after.updatedAt))
    }
}

/// Money as the mock account reads and writes it: `£1,234.50`, `-$25`, `15.00` in cents.
enum MockMoney {
    static func cents(_ text: String) -> Int? {
        let kept = text.filter { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
        let negative = kept.hasPrefix("-")
        let parts = kept.filter { $0 != "-" }.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts.first ?? "") else { return nil }
        let fractionText = parts.count == 2 ? String(parts[1].prefix(2)) : ""
        let fraction = Int(fractionText.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        return (whole * 100 + fraction) * (negative ? -1 : 1)
    }

    static func decimal(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
