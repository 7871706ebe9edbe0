import Foundation
import Outbound
import Synchronization

/// A mock of Stripe's API on a loopback ``MockAPIServer``: an account holding events built
/// with ``StripeEventBuilder`` (each marked delivered or not, for `delivery_success`),
/// checkout sessions with their line items, charges to refund and subscriptions to cancel,
/// pause and resume.
///
/// It checks `Authorization: Bearer <apiKey>` (401 otherwise) and answers as Stripe does:
/// lists of `{object: "list", data, has_more}` paged by `limit` and `starting_after`,
/// errors as `{"error": {type, code, message}}`. The server's failure modes (500s, 429,
/// dropped connections) apply on top.
public final class MockStripeAPI: Sendable {
    /// The secret key the account accepts unless told otherwise.
    public static let defaultAPIKey = "sk_test_51PqCoursegateMockKeyT3stOnly00"

    public let apiKey: String
    /// The loopback server; its request log and failure modes are the test's.
    public let server: MockAPIServer
    private let account: Account

    /// Starts an empty account on a free loopback port.
    public init(apiKey: String = MockStripeAPI.defaultAPIKey) throws {
        let account = Account()
        self.account = account
        self.apiKey = apiKey
        server = try MockAPIServer { request in account.answer(request, apiKey: apiKey) }
    }

    /// `http://127.0.0.1:PORT`, for the API client's base URL.
    public var baseURL: String { server.baseURL }
    /// Every request that arrived, in order.
    public var requests: [MockAPIServer.Request] { server.requests }

    public func stop() { server.stop() }

    /// Adds an event (built with ``StripeEventBuilder``); `delivered: false` lists it under
    /// `delivery_success=false`, as Stripe lists events no webhook endpoint accepted.
    public func addEvent(_ event: StripeJSON, delivered: Bool) {
        account.state.withLock { $0.events.append(.init(event: event, delivered: delivered, sequence: $0.events.count)) }
    }

    /// Adds a checkout session, for `GET /v1/checkout/sessions/{id}` and its `line_items`.
    public func addSession(_ session: StripeCheckoutSession) {
        account.state.withLock { $0.sessions[session.id] = session }
    }

    /// Adds a charge that `POST /v1/refunds` can refund.
    public func addCharge(_ charge: MockStripeCharge) {
        account.state.withLock { $0.charges[charge.id] = charge }
    }

    /// Adds a subscription to cancel, pause and resume.
    public func addSubscription(_ subscription: MockStripeSubscription) {
        account.state.withLock { $0.subscriptions[subscription.id] = subscription }
    }

    /// The whole recorded scenario: every delivery of ``NativeCheckoutScenario`` as an
    /// event (delivered when its name is in `delivered`), its sessions, charges and
    /// subscription.
    public func addScenario(delivered: Set<String> = []) {
        typealias S = NativeCheckoutScenario
        for (name, event) in S.deliveries { addEvent(event, delivered: delivered.contains(name)) }
        var paidSepa = S.sepaOrder
        paidSepa.paymentStatus = "paid"
        for session in [S.courseOrder, S.metadataOrder, S.subscriptionOrder, paidSepa, S.testOrder] { addSession(session) }
        for (id, session) in [(S.courseCharge, S.courseOrder), (S.metadataCharge, S.metadataOrder), (S.sepaCharge, paidSepa)] {
            addCharge(MockStripeCharge(id: id, paymentIntent: session.paymentIntent, amount: session.amountTotal,
                                       currency: session.currency))
        }
        if let subscription = S.subscriptionOrder.subscription { addSubscription(MockStripeSubscription(id: subscription)) }
    }

    /// Handles the next `count` requests as usual and then answers them 500, as when Stripe
    /// did the work but the answer was lost: what `Idempotency-Key` is for.
    public func failAfterHandling(_ count: Int) { account.state.withLock { $0.failuresAfterHandling = count } }

    /// The refunds made, in order.
    public var refunds: [MockStripeRefund] { account.state.withLock { $0.refunds } }

    /// A charge as it is now.
    public func charge(_ id: String) -> MockStripeCharge? { account.state.withLock { $0.charges[id] } }

    /// A subscription as it is now.
    public func subscription(_ id: String) -> MockStripeSubscription? { account.state.withLock { $0.subscriptions[id] } }

    /// The state behind the server's handler, which exists before the mock does.
    private final class Account: Sendable {
        let state = Mutex(MockStripeState())

        func answer(_ request: MockAPIServer.Request, apiKey: String) -> MockAPIServer.Response {
            guard request.headers["Authorization"] == "Bearer \(apiKey)" else {
                let given = request.headers["Authorization"].map { String($0.dropFirst("Bearer ".count).prefix(12)) + "…" } ?? "none"
                return MockStripeErrors.error(401, message: "Invalid API Key provided: \(given)")
            }
            return state.withLock { state in
                let response = state.answer(request)
                guard state.failuresAfterHandling > 0 else { return response }
                state.failuresAfterHandling -= 1
                return MockStripeErrors.error(500, type: "api_error", message: "An unknown error occurred (after handling).")
            }
        }
    }
}
