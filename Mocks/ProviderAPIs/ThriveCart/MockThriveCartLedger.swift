import AccessKernel
import Foundation
import Synchronization

/// The mock account's transaction history, shared by ``MockThriveCartAPI`` and its routes; the
/// refund and cancel actions add to it as ThriveCart would.
final class MockThriveCartLedger: Sendable {
    let entries = Mutex<[ThriveCartTransaction]>([])

    func record(_ transaction: ThriveCartTransaction) {
        entries.withLock {
            var entry = transaction
            entry.sequence = $0.count
            $0.append(entry)
        }
    }

    /// `POST /refund`: refunds an item in full, once.
    func refund(_ form: [String: String], mode: Mode) -> MockAPIServer.Response {
        entries.withLock { entries in
            guard let orderID = form["order_id"], let reference = form["reference"] else {
                return MockThriveCartRoutes.error(400, "order_id and reference are required")
            }
            guard let order = Self.order(orderID, mode: mode, in: entries) else {
                return MockThriveCartRoutes.error(404, "Order \(orderID) not found")
            }
            guard let item = order.items.first(where: { $0.mapEntry == reference })
                    ?? order.items.first(where: { $0.id == reference }) else {
                return MockThriveCartRoutes.error(400, "Order \(orderID) has no item with reference \(reference)")
            }
            guard !entries.contains(where: { $0.kind == .refund && $0.order.orderID == orderID && $0.item == item }) else {
                return MockThriveCartRoutes.error(400, "This item has already been refunded")
            }
            var refund = ThriveCartTransaction(.refund, order: order, item: item, amount: item.amount,
                                               invoiceID: order.invoiceID, date: Date())
            refund.sequence = entries.count
            entries.append(refund)
            return .json(200, ["success": true, "order_id": orderID, "refunded": item.amount] as [String: Any])
        }
    }

    /// `POST /cancelSubscription`, `/pauseSubscription`, `/resumeSubscription`: the order
    /// must have an item with that subscription; a cancellation is recorded, once.
    func subscriptionAction(_ form: [String: String], mode: Mode, cancelling: Bool) -> MockAPIServer.Response {
        entries.withLock { entries in
            guard let orderID = form["order_id"], let subscriptionID = form["subscription_id"] else {
                return MockThriveCartRoutes.error(400, "order_id and subscription_id are required")
            }
            guard let order = Self.order(orderID, mode: mode, in: entries) else {
                return MockThriveCartRoutes.error(404, "Order \(orderID) not found")
            }
            guard let item = order.items.first(where: { $0.subscriptionID == subscriptionID }) else {
                return MockThriveCartRoutes.error(400, "Order \(orderID) has no subscription \(subscriptionID)")
            }
            if cancelling {
                guard !entries.contains(where: { $0.kind == .cancel && $0.order.orderID == orderID && $0.item == item }) else {
                    return MockThriveCartRoutes.error(400, "This subscription is already cancelled")
                }
                let now = Date()
                var cancel = ThriveCartTransaction(.cancel, order: order, item: item, amount: 0, invoiceID: order.invoiceID,
                                                   date: now, billingPeriodEnd: now.addingTimeInterval(30 * 86_400))
                cancel.sequence = entries.count
                entries.append(cancel)
            }
            return .json(200, ["success": true, "order_id": orderID, "subscription_id": subscriptionID] as [String: Any])
        }
    }

    private static func order(_ id: String, mode: Mode, in entries: [ThriveCartTransaction]) -> ThriveCartOrder? {
        entries.first { $0.kind == .charge && $0.order.orderID == id && $0.order.mode == mode }?.order
    }
}
