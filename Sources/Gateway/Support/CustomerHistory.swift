import AccessKernel
import AccessStore
import Foundation

/// A customer's facts and access events read the way support looks at them: purchases,
/// payments and refunds, subscriptions, the sources of an access, and one timeline.
struct CustomerHistory {
    /// Facts in the order they happened (then the order they were recorded).
    let facts: [StoredFact]
    let events: [AccessEvent]
    private let byKey: [FactKey: StoredFact]

    init(facts: [StoredFact], events: [AccessEvent]) {
        self.facts = facts.sorted { ($0.fact.occurredAt, $0.sequence) < ($1.fact.occurredAt, $1.sequence) }
        self.events = events
        byKey = Dictionary(facts.map { ($0.fact.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The fact behind a cause, as a source of access.
    func source(_ cause: Cause) -> AccessSource? {
        guard let fact = byKey[cause.fact]?.fact else { return nil }
        return AccessSource(factKey: fact.key.rawValue, role: cause.role.rawValue, instance: fact.instance,
                            at: fact.occurredAt, orderID: fact.event.historyOrderID, actor: fact.historyActor)
    }

    /// Every order, oldest first, with its items.
    var purchases: [PurchaseLine] {
        facts.compactMap { stored in
            guard case .purchase(let purchase) = stored.fact.event else { return nil }
            return PurchaseLine(instance: stored.fact.instance, orderID: purchase.orderID, at: stored.fact.occurredAt,
                                mode: stored.fact.mode.rawValue, items: purchase.items.map {
                PurchaseLine.Item(kind: $0.key.kind.rawValue, productID: $0.key.productID, pricingOption: $0.key.pricingOption,
                                  amountCents: $0.amount, currency: $0.currency, subscriptionID: $0.subscriptionID)
            })
        }
    }

    /// Purchases (one line per currency of an order), renewals and refunds (negative),
    /// newest first.
    ///
    /// A renewal fact carries no amount: its line shows what the purchase that started the
    /// subscription charged for it, and is left out when that purchase is not known.
    var payments: [PaymentLine] {
        var prices: [String: (amount: Int64, currency: String)] = [:]
        var lines: [(line: PaymentLine, sequence: Int64)] = []
        for stored in facts {
            let fact = stored.fact
            switch fact.event {
            case .purchase(let purchase):
                var totals: [String: Int64] = [:]
                for item in purchase.items {
                    totals[item.currency, default: 0] += item.amount
                    if let subscription = item.subscriptionID {
                        prices["\(fact.instance) \(subscription)"] = (item.amount, item.currency)
                    }
                }
                for (currency, amount) in totals.sorted(by: { $0.key < $1.key }) {
                    lines.append((PaymentLine(kind: "payment", instance: fact.instance, orderID: purchase.orderID,
                                              amountCents: amount, currency: currency, at: fact.occurredAt), stored.sequence))
                }
            case .subscription(let change):
                guard case .renewed = change.change, let price = prices["\(fact.instance) \(change.subscriptionID)"] else { continue }
                lines.append((PaymentLine(kind: "renewal", instance: fact.instance, orderID: change.orderID ?? change.paymentIDs?.first,
                                          amountCents: price.amount, currency: price.currency, at: fact.occurredAt), stored.sequence))
            case .refund(let refund):
                lines.append((PaymentLine(kind: "refund", instance: fact.instance, orderID: refund.orderID,
                                          amountCents: -refund.amount, currency: refund.currency, at: fact.occurredAt), stored.sequence))
            case .dispute, .admin, .detailsChanged:
                continue
            }
        }
        return lines.sorted { ($0.line.at, $0.sequence) > ($1.line.at, $1.sequence) }.map(\.line)
    }

    /// Each subscription once, with the status its latest change gives it, in the order
    /// they started.
    var subscriptions: [SubscriptionLine] {
        var order: [String] = []
        var lines: [String: SubscriptionLine] = [:]
        func line(_ instance: String, _ id: String) -> SubscriptionLine {
            let key = "\(instance) \(id)"
            if let known = lines[key] { return known }
            order.append(key)
            return SubscriptionLine(instance: instance, subscriptionID: id, orderID: nil, productID: nil, status: "active", periodEnd: nil)
        }
        for stored in facts {
            let fact = stored.fact
            switch fact.event {
            case .purchase(let purchase):
                for item in purchase.items {
                    guard let id = item.subscriptionID else { continue }
                    var entry = line(fact.instance, id)
                    entry.orderID = entry.orderID ?? purchase.orderID
                    entry.productID = entry.productID ?? item.key.productID
                    lines["\(fact.instance) \(id)"] = entry
                }
            case .subscription(let change):
                var entry = line(fact.instance, change.subscriptionID)
                entry.orderID = entry.orderID ?? change.orderID
                entry.productID = entry.productID ?? change.productID
                switch change.change {
                case .started(let periodEnd), .renewed(let periodEnd):
                    entry.status = "active"
                    entry.periodEnd = periodEnd ?? entry.periodEnd
                case .paused: entry.status = "paused"
                case .resumed: entry.status = "active"
                case .cancelled(let cancellation):
                    entry.status = "cancelled"
                    entry.periodEnd = cancellation.periodEnd ?? entry.periodEnd
                case .paymentFailed: entry.status = "payment_failed"
                }
                lines["\(fact.instance) \(change.subscriptionID)"] = entry
            case .refund, .dispute, .admin, .detailsChanged:
                continue
            }
        }
        return order.compactMap { lines[$0] }
    }

    /// Facts and access events, oldest first; an access event names the fact that caused it.
    var timeline: [TimelineEntry] {
        var entries: [(entry: TimelineEntry, rank: Int, sequence: Int64)] = facts.map { stored in
            let fact = stored.fact
            var actor: String?
            var course: String?
            if case .admin(let admin) = fact.event {
                actor = admin.actor
                course = admin.action.course
            }
            return (TimelineEntry(type: "fact", at: fact.occurredAt, kind: fact.event.kindName,
                                  summary: TimelineSummary.fact(fact), factKey: fact.key.rawValue, course: course, actor: actor),
                    0, stored.sequence)
        }
        for event in events {
            let cause = trigger(of: event.state)
            entries.append((TimelineEntry(type: "access", at: event.at, kind: event.kind.rawValue,
                                          summary: TimelineSummary.access(event, cause: cause),
                                          factKey: cause?.key.rawValue, course: event.course, actor: cause?.historyActor,
                                          mappingVersion: event.mappingVersion), 1, event.sequence))
        }
        return entries.sorted { ($0.entry.at, $0.rank, $0.sequence) < ($1.entry.at, $1.rank, $1.sequence) }.map(\.entry)
    }

    /// The cause that happened last: the fact that brought the state about.
    private func trigger(of state: AccessState) -> Fact? {
        state.causes.compactMap { byKey[$0.fact] }
            .max { ($0.fact.occurredAt, $0.sequence) < ($1.fact.occurredAt, $1.sequence) }?.fact
    }
}

private extension Fact {
    /// Who acted, for an admin fact.
    var historyActor: String? {
        if case .admin(let admin) = event { admin.actor } else { nil }
    }
}

private extension Event {
    /// The order a fact concerns, when it names one.
    var historyOrderID: String? {
        switch self {
        case .purchase(let purchase): purchase.orderID
        case .refund(let refund): refund.orderID
        case .subscription(let change): change.orderID
        case .dispute(let dispute): dispute.orderID
        case .admin, .detailsChanged: nil
        }
    }
}
