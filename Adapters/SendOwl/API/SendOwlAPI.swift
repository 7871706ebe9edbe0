import AccessKernel
import AdapterKit
import Foundation
import Outbound

/// SendOwl's API for one account: its orders (to recover webhooks that never came), refunds
/// and subscription cancellations.
///
/// Orders are read with the webhooks' own ``OrderReader``, so an order's facts carry the keys
/// its webhooks' facts carry (see ``OrderReader/currentFacts(of:readAt:)``). Every call is
/// HTTP Basic (`api_key:api_secret`) with `Accept: application/json`, spaced one second
/// apart by default: SendOwl allows about one request a second and may block the address
/// of a client that sends more. SendOwl cannot pause or resume a subscription.
public struct SendOwlAPI: ProviderAPI {
    /// SendOwl's API host.
    public static let defaultBaseURL = "https://www.sendowl.com"
    /// One request a second, SendOwl's documented limit.
    public static let defaultInterval: Duration = .seconds(1)
    /// The most orders SendOwl lists on a page.
    public static let pageSize = 50

    private let http: ProviderHTTP
    private let reader: OrderReader

    init(credentials: SendOwlCredentials, reader: OrderReader, connection: ProviderConnection) {
        http = ProviderHTTP(provider: "SendOwl", connection: connection, defaultBaseURL: Self.defaultBaseURL,
                            defaultInterval: Self.defaultInterval, headers: credentials.headers)
        self.reader = reader
    }

    /// The facts of every order updated since `since` (`updated_after`, so an old order
    /// refunded or cancelled lately is included), page by page until a page comes back
    /// short or empty, since SendOwl gives no total.
    public func recentFacts(since: Date, progress: @Sendable (Int) -> Void) async throws(ProviderAPIError) -> [Fact] {
        let after = Self.escaped(since.formatted(.iso8601))
        var facts: [Fact] = []
        var keys: Set<FactKey> = []
        var seen: Set<String> = []
        var page = 1
        while true {
            let path = "/api/v1_3/orders?updated_after=\(after)&per_page=\(Self.pageSize)&page=\(page)"
            let response = try await send(.get, path)
            let orders = try read("page \(page) of the order listing") { () throws(AdapterError) in
                try OrderList.orders(in: response.body)
            }
            let readAt = Date()
            var new = 0
            for order in orders {
                let id = try read("an order on page \(page)") { () throws(AdapterError) in try order.id() }
                if seen.insert(id).inserted { new += 1 }
                let found = try read("order \(id)") { () throws(AdapterError) in try reader.currentFacts(of: order, readAt: readAt) }
                // An order updated while the pages are read may move onto the next page.
                for fact in found where keys.insert(fact.key).inserted { facts.append(fact) }
            }
            progress(seen.count)
            // A short page is the last; a page of orders already listed means paging is ignored.
            guard orders.count >= Self.pageSize, new > 0 else { return facts }
            page += 1
        }
    }

    /// The facts of one order as SendOwl shows it now (`GET /api/v1_3/orders/{id}`).
    public func orderFacts(orderID: String) async throws(ProviderAPIError) -> [Fact] {
        let response = try await send(.get, "/api/v1_3/orders/\(Self.escaped(orderID))")
        return try read("order \(orderID)") { () throws(AdapterError) in
            try reader.currentFacts(of: try OrderList.order(in: response.body), readAt: Date())
        }
    }

    /// Refunds an order (`POST /api/v1/orders/{id}/refund`) or cancels its subscription
    /// (`PUT /api/v1/orders/{id}/cancel_subscription`; a SendOwl subscription is its order).
    ///
    /// A partial refund sends `{"amount": "12.50"}`; a full one sends no amount, so SendOwl
    /// refunds what is left. SendOwl refunds orders, not one item or payment of one, and
    /// cannot pause or resume: those are ``ProviderAPIError/Kind/unsupported``.
    public func perform(_ action: ProviderAction) async throws(ProviderAPIError) -> ProviderActionReceipt {
        switch action {
        case .refund(let request):
            return try await refund(request)
        case .cancel(let handle):
            let orderID = handle.orderID ?? handle.subscriptionID
            _ = try await send(.put, "/api/v1/orders/\(Self.escaped(orderID))/cancel_subscription")
            return ProviderActionReceipt(summary: "cancelled the subscription of SendOwl order \(orderID)")
        case .pause, .resume:
            throw ProviderAPIError(.unsupported, "SendOwl cannot \(action.name) a subscription; cancel it instead")
        }
    }

    private func refund(_ request: RefundRequest) async throws(ProviderAPIError) -> ProviderActionReceipt {
        guard request.itemReference == nil, request.paymentID == nil else {
            throw ProviderAPIError(.unsupported, "SendOwl refunds an order or an amount of it, not one item or payment")
        }
        var body: [String: String] = [:]
        if let cents = request.amountCents {
            guard cents > 0 else {
                throw ProviderAPIError(.rejected, "a refund of order \(request.orderID) must be of more than 0")
            }
            body["amount"] = Self.decimal(cents)
        }
        let json = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])).map(Array.init) ?? Array("{}".utf8)
        _ = try await send(.post, "/api/v1/orders/\(Self.escaped(request.orderID))/refund",
                           headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: json)
        let what = body["amount"].map { "refunded \($0) of" } ?? "refunded in full"
        return ProviderActionReceipt(summary: "\(what) SendOwl order \(request.orderID)")
    }

    /// Sends through ``AdapterKit/ProviderHTTP`` and words SendOwl's 422 refusals as SendOwl does.
    private func send(_ method: OutboundRequest.Method, _ path: String, headers: [HTTPHeader] = [],
                      body: [UInt8] = []) async throws(ProviderAPIError) -> OutboundResponse {
        do {
            return try await http.send(method, path, headers: headers, body: body)
        } catch {
            throw SendOwlRejection.reworded(error)
        }
    }

    /// Runs `decode`, turning the adapter's refusal of an answer into `malformedResponse`:
    /// an order the webhook path would refuse is not half-recorded here either.
    private func read<T>(_ what: String, _ decode: () throws(AdapterError) -> T) throws(ProviderAPIError) -> T {
        do {
            return try decode()
        } catch {
            throw ProviderAPIError(.malformedResponse, "SendOwl answered with \(what) that could not be read: \(error.message)")
        }
    }

    /// Cents as SendOwl's decimal amount: `1250` is `12.50`.
    static func decimal(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `text` percent-encoded but for RFC 3986's unreserved characters, safe as a query
    /// value or a path segment.
    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
