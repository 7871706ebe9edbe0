// ThriveCart's external API as a handler on ``MockAPIServer``.
//
// Documented by ThriveCart (PROVIDERS.md): `Authorization: Bearer KEY`, `X-TC-Mode: live|test`,
// `GET /ping`, `GET /transactions?transactionType=any|charge|rebill|refund|cancel&perPage=N&page=N`
// (perPage at most 25), `POST /refund` {order_id, reference, reason},
// `POST /cancelSubscription` {order_id, subscription_id},
// `POST /pauseSubscription` {order_id, subscription_id, auto_resume}, `POST /resumeSubscription`.
//
// Shape assumed (ThriveCart does not document it), with the field names of its webhooks:
//
//     GET /transactions?transactionType=any&perPage=25&page=1
//     200 {"transactions": [
//            {"transaction_id": "txn_3230022_0", "transaction_type": "charge",
//             "order_id": "3230022", "invoice_id": "000000141",
//             "item_type": "product", "item_id": "12", "reference": "12", "item_name": "…",
//             "amount": 19700, "currency": "USD",
//             "payment_plan_id": 31670, "payment_plan_name": "Pay in full",
//             "subscription_id": null, "frequency": null,
//             "customer_id": "16099259",
//             "customer": {"email": "…", "first_name": "Zoë", "last_name": "Müller"},
//             "base_product": "12", "mode": "live",
//             "date": "2024-03-05 14:22:31", "timestamp": 1709648551,
//             "next_payment_date": 1715097600,     (rebills)
//             "billing_period_end": 1717632000}    (cancellations)
//          ],
//          "meta": {"page": 1, "perPage": 25, "total": 53}}
//
//   - entries are listed newest first; among equal times, the later recorded first;
//   - a charge is one item of an order (the checkout's product and bump, each upsell);
//     a rebill is a renewal with invoice `INVOICE-N`; a refund carries the refunded cents;
//   - only the mode named by `X-TC-Mode` (live when absent) is listed and acted on;
//   - actions answer `200 {"success": true, …}`; errors are `{"success": false, "error": "…"}`
//     with 400 (refused), 401 (wrong key) or 404 (no such order or endpoint).

import AccessKernel
import Foundation

/// A mock ThriveCart account's API: the orders it sold and what happened to them since,
/// listed by `GET /transactions` and changed by the refund and subscription actions.
///
/// Tests "sell" orders here built with the ThriveCart builders (``ThriveCartOrder``) whose
/// webhooks they may never send, then reconcile against it.
public final class MockThriveCartAPI: Sendable {
    /// The key `Authorization: Bearer` must carry.
    public let apiKey: String
    public let server: MockAPIServer
    private let ledger: MockThriveCartLedger

    /// `http://127.0.0.1:PORT`, the base URL to give the API client.
    public var baseURL: String { server.baseURL }
    /// Every request that arrived, in order.
    public var requests: [MockAPIServer.Request] { server.requests }
    /// The history as recorded (oldest first).
    public var transactions: [ThriveCartTransaction] { ledger.entries.withLock { $0 } }

    /// Starts the mock on a free loopback port.
    public init(apiKey: String = "tc-api-key-0c1d2e") throws {
        let ledger = MockThriveCartLedger()
        self.apiKey = apiKey
        self.ledger = ledger
        self.server = try MockAPIServer { request in
            MockThriveCartRoutes.answer(request, apiKey: apiKey, ledger: ledger)
        }
    }

    public func stop() { server.stop() }

    /// Records an order as sold: one charge per item at the order's time.
    public func sell(_ order: ThriveCartOrder) {
        for item in order.items {
            record(ThriveCartTransaction(.charge, order: order, item: item, amount: item.amount,
                                         invoiceID: order.invoiceID, date: order.orderedAt))
        }
    }

    /// Records a refund of one item; `amount` defaults to what was charged for it.
    public func refund(_ order: ThriveCartOrder, item: ThriveCartItem, amount: Int64? = nil, at date: Date) {
        record(ThriveCartTransaction(.refund, order: order, item: item, amount: amount ?? item.amount,
                                     invoiceID: order.invoiceID, date: date))
    }

    /// Records renewal number `paymentIndex` (the order itself is the first) of a recurring item.
    public func rebill(_ order: ThriveCartOrder, item: ThriveCartItem, paymentIndex: Int, at date: Date, nextPaymentAt: Date) {
        record(ThriveCartTransaction(.rebill, order: order, item: item, amount: item.amount,
                                     invoiceID: "\(order.invoiceID)-\(paymentIndex)", date: date, nextPaymentAt: nextPaymentAt))
    }

    /// Records the cancellation of a recurring item's subscription.
    public func cancel(_ order: ThriveCartOrder, item: ThriveCartItem, at date: Date, billingPeriodEnd: Date) {
        record(ThriveCartTransaction(.cancel, order: order, item: item, amount: 0, invoiceID: order.invoiceID,
                                     date: date, billingPeriodEnd: billingPeriodEnd))
    }

    private func record(_ transaction: ThriveCartTransaction) { ledger.record(transaction) }
}
