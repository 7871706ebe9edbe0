import Foundation
import Synchronization

/// SendOwl's API for one mock account, on a loopback ``MockAPIServer``: it holds orders built
/// with ``SendOwlOrder`` so a test can sell orders whose webhooks are never sent, change them
/// (refund, cancel), and read them back through the API as a SendOwl account would answer.
///
/// It answers like SendOwl: HTTP Basic (`key:secret`) or 401, `Accept: application/json` or
/// 415, `GET /api/v1_3/orders` (filters `updated_after`, `from`, `to`, `state`; `per_page` up
/// to 50, `page` from 1, no total), `GET /api/v1_3/orders/{id}` (the padded id or the number),
/// `POST /api/v1/orders/{id}/refund` {amount} and `PUT /api/v1/orders/{id}/cancel_subscription`;
/// refusals are 422 with `[["field","message"]]`. Failure modes and the request log are the
/// ``server``'s.
public final class MockSendOwlAPI: Sendable {
    /// The API key the account accepts.
    public let apiKey: String
    /// The API secret the account accepts.
    public let apiSecret: String
    /// The loopback server: its request log and failure modes (`failNext`, `throttleNext`…).
    public let server: MockAPIServer
    private let account: MockSendOwlAccount

    /// Starts the API of an empty account on a free loopback port.
    public init(apiKey: String = MockSendOwlAPI.defaultKey, apiSecret: String = MockSendOwlAPI.defaultSecret) throws {
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        let account = MockSendOwlAccount()
        self.account = account
        let routes = MockSendOwlRoutes(account: account, authorization: MockSendOwlRoutes.basic(apiKey, apiSecret))
        server = try MockAPIServer { routes.answer($0) }
    }

    /// The key and secret tests configure their instance with.
    public static let defaultKey = "so_api_key_7f3c9a"
    public static let defaultSecret = "so_api_secret_41d8e2"

    /// `http://127.0.0.1:PORT`, the base URL to give the API client.
    public var baseURL: String { server.baseURL }

    /// Every request that arrived, in order.
    public var requests: [MockAPIServer.Request] { server.requests }

    public func stop() { server.stop() }

    /// Records a sale (or any later state of an order) without sending its webhook; the order
    /// was last updated at `updatedAt`, at checkout unless told.
    public func sell(_ order: SendOwlOrder, updatedAt: Date? = nil) {
        account.put(order, updatedAt: updatedAt ?? order.completedCheckoutAt)
    }

    /// Refunds `gross` (as SendOwl writes money, `£18.00`) of an order, as done in SendOwl's dashboard.
    public func refund(_ orderID: String, gross: String, transactionID: String, at date: Date) {
        account.change(orderID, at: date) { $0.refunding(gross, transactionID: transactionID, at: date) }
    }

    /// Moves an order to another state (`subscription_cancelled`, `chargeback`…).
    public func changeState(_ orderID: String, to state: String, at date: Date, accessAllowed: Bool = true) {
        account.change(orderID, at: date) { $0.inState(state, nextPaymentDate: $0.nextPaymentDate, accessAllowed: accessAllowed) }
    }

    /// The order as the account holds it now.
    public func order(_ orderID: String) -> SendOwlOrder? { account.entry(orderID)?.order }

    /// What the API answers for an order: the webhook's `order` object and its `updated_at`.
    public static func apiOrder(_ order: SendOwlOrder, updatedAt: Date) -> SendOwlJSON {
        var object = SendOwlPayload.order(order)
        object["updated_at"] = .string(SendOwlTimeText.iso8601(updatedAt))
        return .object([SendOwlMember("order", object)])
    }
}

/// The orders of a mock SendOwl account, in the order they were sold.
final class MockSendOwlAccount: Sendable {
    struct Entry: Sendable {
        var order: SendOwlOrder
        var updatedAt: Date
    }

    private let entries = Mutex<[Entry]>([])

    func put(_ order: SendOwlOrder, updatedAt: Date) {
        entries.withLock { entries in
            if let index = entries.firstIndex(where: { $0.order.id == order.id }) {
                entries[index] = Entry(order: order, updatedAt: updatedAt)
            } else {
                entries.append(Entry(order: order, updatedAt: updatedAt))
            }
        }
    }

    /// Changes an order in place; nothing when there is no such order.
    func change(_ orderID: String, at date: Date, _ transform: (SendOwlOrder) -> SendOwlOrder) {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { Self.matches($0.order, orderID) }) else { return }
            entries[index] = Entry(order: transform(entries[index].order), updatedAt: date)
        }
    }

    /// Runs `body` on the account's orders under the lock.
    func withEntries<T>(_ body: (inout [Entry]) -> T) -> T { entries.withLock { body(&$0) } }

    func entry(_ orderID: String) -> Entry? {
        entries.withLock { $0.first { Self.matches($0.order, orderID) } }
    }

    /// Whether `orderID` names the order, by its padded id or its number.
    static func matches(_ order: SendOwlOrder, _ orderID: String) -> Bool {
        order.id == orderID || String(order.number) == orderID
    }
}
