import AccessKernel
import AdapterKit
import Foundation

/// Facts from ThriveCart transactions, keyed as the webhooks' are: each order's charges
/// become its purchase, each refund, rebill and cancellation its own event.
struct TransactionFacts {
    var instance: AdapterInstance
    /// The mode the listing was asked for (`X-TC-Mode`).
    var listing: Mode
    /// How long the charges of one order may take to come in (see ``ThriveCartAPI/funnelWindow``).
    var funnelWindow: TimeInterval

    /// The facts of `transactions` that happened at or after `since`, oldest first.
    ///
    /// An order is reported when one of its charges is at or after `since`, and only once
    /// its last charge is `funnelWindow` old: until then its customer may still be buying
    /// upsells, and a purchase recorded early would shadow the complete one the webhook
    /// brings under the same key. Test-mode transactions are left out when the instance
    /// does not accept test events, as their webhooks would be.
    func facts(from transactions: [Transaction], since: Date, now: Date) throws(ProviderAPIError) -> [Fact] {
        var deliveries: [(orderID: String, delivery: Delivery)] = []
        var charges: [String: [Transaction]] = [:]
        var orders: [String] = []
        for transaction in transactions {
            switch transaction.kind {
            case .charge:
                if charges[transaction.orderID] == nil { orders.append(transaction.orderID) }
                charges[transaction.orderID, default: []].append(transaction)
            case .refund where transaction.occurredAt >= since:
                deliveries.append((transaction.orderID, TransactionDelivery.refund(transaction, listing: listing)))
            case .rebill where transaction.occurredAt >= since:
                deliveries.append((transaction.orderID, TransactionDelivery.rebill(transaction, listing: listing)))
            case .cancel where transaction.occurredAt >= since:
                deliveries.append((transaction.orderID, TransactionDelivery.cancel(transaction, listing: listing)))
            case .refund, .rebill, .cancel:
                continue
            }
        }
        for orderID in orders {
            let times = (charges[orderID] ?? []).map(\.occurredAt)
            guard let last = times.max(), last >= since, now.timeIntervalSince(last) >= funnelWindow else { continue }
            deliveries.append((orderID, TransactionDelivery.purchase(orderID: orderID, charges: charges[orderID] ?? [],
                                                                     listing: listing)))
        }
        var facts: [Fact] = []
        for (orderID, delivery) in deliveries {
            do throws(AdapterError) {
                if case .facts(let read) = try DeliveryReader.verdict(of: delivery, instance: instance, receivedAt: now) {
                    facts += read
                }
            } catch {
                throw ProviderAPIError(.malformedResponse,
                                       "ThriveCart GET /transactions: order \(orderID) cannot be read: \(error.message)")
            }
        }
        return facts.sorted { ($0.occurredAt, $0.key) < ($1.occurredAt, $1.key) }
    }
}
