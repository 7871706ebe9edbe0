import AccessKernel
import Foundation

/// Builders for the facts the specifications talk about, so a test reads as the story of
/// one customer: what they bought, what happened next, and when.
///
/// Times are whole seconds so that facts survive the JSON round trip unchanged.
enum Clock {
    /// The moment every story starts.
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// `days` days after ``start``.
    static func day(_ days: Double) -> Date { start.addingTimeInterval(days * 86_400) }
}

/// Shorthand for ``Clock/day(_:)``.
func day(_ days: Double) -> Date { Clock.day(days) }

extension OrderItem {
    /// An item of `kind` for `product`, charged `amount` cents.
    static func of(_ kind: ItemKind = .product, _ product: String, option: String? = nil,
                   amount: Int64 = 10_000, subscription: String? = nil) -> OrderItem {
        OrderItem(key: ItemKey(kind, product, pricingOption: option), amount: amount,
                  currency: "USD", subscriptionID: subscription)
    }
}

extension Fact {
    static let customer = CustomerRef(email: "ann@example.com", name: "Ann")

    static func purchase(_ key: FactKey, order: String, otherIDs: [String] = [], items: [OrderItem],
                         on instance: InstanceID = Shop.instance, at date: Date,
                         mode: Mode = .live) -> Fact {
        Fact(key: key, instance: instance, occurredAt: date, mode: mode, customer: customer,
             event: .purchase(Purchase(orderID: order, otherOrderIDs: otherIDs, items: items)))
    }

    static func refund(_ key: FactKey, order: String, item: ItemKey? = nil, amount: Int64,
                       isFull: Bool? = nil, on instance: InstanceID = Shop.instance, at date: Date,
                       mode: Mode = .live) -> Fact {
        Fact(key: key, instance: instance, occurredAt: date, mode: mode, customer: customer,
             event: .refund(Refund(orderID: order, item: item, amount: amount, currency: "USD",
                                   isFull: isFull)))
    }

    static func subscription(_ key: FactKey, _ subscriptionID: String, _ change: SubscriptionChange.Change,
                             order: String? = nil, product: String? = nil,
                             on instance: InstanceID = Shop.instance, at date: Date,
                             mode: Mode = .live) -> Fact {
        Fact(key: key, instance: instance, occurredAt: date, mode: mode, customer: customer,
             event: .subscription(SubscriptionChange(subscriptionID: subscriptionID, orderID: order,
                                                     productID: product, change: change)))
    }

    static func dispute(_ key: FactKey, order: String, id: String = "dp_1", outcome: Dispute.Outcome? = nil,
                        on instance: InstanceID = Shop.instance, at date: Date) -> Fact {
        Fact(key: key, instance: instance, occurredAt: date, customer: customer,
             event: .dispute(Dispute(orderID: order, disputeID: id, outcome: outcome)))
    }

    static func admin(_ key: FactKey, _ action: AdminAction.Action, at date: Date,
                      note: String? = nil) -> Fact {
        Fact(key: key, instance: .admin, occurredAt: date, customer: customer,
             event: .admin(AdminAction(actor: "support", action: action, note: note)))
    }

    static func detailsChanged(_ key: FactKey, _ details: CustomerDetails, at date: Date) -> Fact {
        Fact(key: key, instance: Shop.instance, occurredAt: date, customer: customer,
             event: .detailsChanged(details))
    }
}
