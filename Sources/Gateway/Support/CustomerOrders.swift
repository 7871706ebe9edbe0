import AccessKernel
import Foundation

/// A customer's orders and subscriptions on one provider instance, as their facts tell:
/// what support may refund or cancel for them, and how a subscription is named in facts.
struct CustomerOrders {
    /// A subscription the customer has, with what a fact about it must carry to reach the
    /// item it paid for.
    struct Subscription {
        var id: String
        var orderIDs: Set<String>
        /// The order that started it, when known.
        var orderID: String?
        var productID: String?
        var mode: Mode
        /// The changes recorded so far, oldest first.
        var changes: [SubscriptionChange.Change]
    }

    /// Every id the customer's orders are known by (order, payment, invoice, session ids).
    private(set) var orderIDs: Set<String> = []
    private var subscriptions: [String: Subscription] = [:]

    init(_ facts: [Fact], instance: InstanceID) {
        for fact in facts where fact.instance == instance {
            switch fact.event {
            case .purchase(let purchase):
                orderIDs.formUnion(purchase.allOrderIDs)
                for item in purchase.items {
                    guard let id = item.subscriptionID else { continue }
                    var entry = subscriptions[id] ?? Subscription(id: id, orderIDs: [], mode: fact.mode, changes: [])
                    entry.orderIDs.formUnion(purchase.allOrderIDs)
                    entry.orderID = entry.orderID ?? purchase.orderID
                    entry.productID = entry.productID ?? item.key.productID
                    entry.mode = fact.mode
                    subscriptions[id] = entry
                }
            case .subscription(let change):
                orderIDs.formUnion(change.paymentIDs ?? [])
                var entry = subscriptions[change.subscriptionID]
                    ?? Subscription(id: change.subscriptionID, orderIDs: [], mode: fact.mode, changes: [])
                if let order = change.orderID {
                    entry.orderIDs.insert(order)
                    entry.orderID = entry.orderID ?? order
                }
                entry.productID = entry.productID ?? change.productID
                entry.changes.append(change.change)
                subscriptions[change.subscriptionID] = entry
            case .refund, .dispute, .admin, .detailsChanged:
                continue
            }
        }
    }

    /// Whether `orderID` is one of the customer's orders (or payments) on this instance.
    func owns(order orderID: String) -> Bool { orderIDs.contains(orderID) }

    /// The customer's subscription `id`, when it is theirs and (when given) belongs to `orderID`.
    func subscription(_ id: String, orderID: String?) -> Subscription? {
        guard let found = subscriptions[id] else { return nil }
        if let orderID, !found.orderIDs.contains(orderID), !orderIDs.contains(orderID) { return nil }
        return found
    }
}
