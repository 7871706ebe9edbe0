import AccessKernel
import AdapterKit
import Foundation

/// Turns one SendOwl order, in the state a webhook reports, into facts.
///
/// | state (and `refunded`)                     | facts                                        |
/// |--------------------------------------------|----------------------------------------------|
/// | `chargeback`                               | dispute lost                                 |
/// | `in_dispute`                               | dispute opened                               |
/// | `refunded: true`, latest transaction a refund | refund of the whole order (+ the cancellation of a cancelling / cancelled subscription) |
/// | `complete`, `free`, `imported`             | purchase                                     |
/// | `subscription_setup`, `subscription_active`| purchase + subscription started / renewed    |
/// | `subscription_cancelling`                  | cancelled at period end (`next_payment_date`)|
/// | `subscription_cancelled`                   | cancelled now                                |
/// | `subscription_complete`, `failed`, `fraud_review` | ignored                               |
///
/// A chargeback is one fact, the dispute lost (SendOwl reports the outcome, not a
/// separate opening); a dispute's id is the order id, since an order has at most one, so
/// an `in_dispute` delivery and a later `chargeback` close the same dispute. A dispute
/// settled in the seller's favour comes back as a plain `complete` order, which tells
/// nothing new: restoring access after a won PayPal dispute is an admin action.
/// `subscription_complete` means every payment of a fixed plan was made and SendOwl keeps
/// access, so it changes nothing. A subscription's id is its order id (SendOwl
/// subscriptions are orders); the first payment starts it, later ones renew it.
///
/// When: a purchase at checkout; a refund or a payment at its transaction's `created_at`;
/// a dispute, chargeback or cancellation (which bring no transaction) at the order's
/// `updated_at`, else on arrival.
struct OrderFacts {
    let order: SendOwlOrder
    let instance: InstanceID
    let packageIDs: Set<String>
    let mode: Mode
    let receivedAt: Date

    func verdict(state: OrderState, refunded: Bool) throws(AdapterError) -> Verdict {
        let id = try order.id()
        var isRefund = state == .refunded
        if refunded, !isRefund { isRefund = try isAboutARefund() }
        switch state {
        case .failed:
            return .ignored(reason: "SendOwl order \(id) failed: no access was given")
        case .fraudReview:
            return .ignored(reason: "SendOwl order \(id) awaits fraud review: access waits for it to complete")
        case .subscriptionComplete:
            return .ignored(reason: "SendOwl subscription \(id) is complete: every payment was made and access continues")
        case .chargeback:
            return .facts([try change(.dispute(Dispute(orderID: id, disputeID: id, outcome: .lost)), state, refunded,
                                      at: changedAt)])
        case .inDispute:
            return .facts([try change(.dispute(Dispute(orderID: id, disputeID: id)), state, refunded, at: changedAt)])
        case _ where isRefund:
            var facts = [try change(.refund(try refund(orderID: id)), state, refunded)]
            // A refund that also cancelled the subscription (SendOwl's refund can do both).
            if let cancel = cancellation(in: state) {
                facts.append(try change(.subscription(SubscriptionChange(subscriptionID: id, orderID: id, change: .cancelled(cancel))),
                                        state, refunded, at: changedAt))
            }
            return .facts(facts)
        case .complete, .free, .imported, .refunded:
            return .facts([try purchase(orderID: id)])
        case .subscriptionSetup, .subscriptionActive:
            let payments = try order.transactions().filter { !$0.isRefund }.count
            let end = order.nextPaymentDate
            let change: SubscriptionChange.Change = payments > 1 ? .renewed(periodEnd: end) : .started(periodEnd: end)
            return .facts([try purchase(orderID: id),
                           try self.change(.subscription(SubscriptionChange(subscriptionID: id, orderID: id, change: change)),
                                           state, refunded)])
        case .subscriptionCancelling, .subscriptionCancelled:
            let cancel = cancellation(in: state) ?? Cancellation(effective: .now, initiator: .provider)
            return .facts([try change(.subscription(SubscriptionChange(subscriptionID: id, orderID: id, change: .cancelled(cancel))),
                                      state, refunded, at: changedAt)])
        }
    }

    /// Whether a refunded order's delivery is about a refund: its latest transaction is
    /// one, or it lists none (only the flag says it). `refunded` stays true once set, so
    /// a later renewal of a partly refunded subscription is a renewal, not the refund again.
    private func isAboutARefund() throws(AdapterError) -> Bool {
        let transactions = try order.transactions()
        guard transactions.contains(where: \.isRefund) else { return true }
        return Self.latest(transactions)?.isRefund ?? true
    }

    /// The cancellation a subscription state reports: `subscription_cancelling` keeps
    /// access until `next_payment_date`, `subscription_cancelled` ends it now.
    private func cancellation(in state: OrderState) -> Cancellation? {
        switch state {
        case .subscriptionCancelling:
            Cancellation(effective: .periodEnd, periodEnd: order.nextPaymentDate, initiator: .provider)
        case .subscriptionCancelled:
            Cancellation(effective: .now, periodEnd: order.nextPaymentDate, initiator: .provider)
        default:
            nil
        }
    }

    /// The purchase, at checkout time: `cart.completed_checkout_at`, else the first
    /// transaction, else when it arrived. A purchase needs the buyer's email.
    func purchase(orderID: String) throws(AdapterError) -> Fact {
        guard order.customer.email != nil else {
            throw AdapterError(.malformed, "buyer_email is missing; a purchase must say who bought")
        }
        let currency = try order.currency()
        let subscription = order.isForSubscription || order.state.flatMap(OrderState.init(state:))?.rawValue.hasPrefix("subscription_") == true
        let items = try CartItemReader.items(of: order, currency: currency, packageIDs: packageIDs,
                                             subscriptionID: subscription ? orderID : nil)
        let others = order.number.map { $0 == orderID ? [] : [$0] } ?? []
        let firstPayment = try order.transactions().compactMap(\.createdAt).min()
        let occurredAt = order.completedCheckoutAt ?? firstPayment ?? receivedAt
        return Fact(key: SendOwlFactKey.purchase(instance: instance, orderID: orderID), instance: instance,
                    occurredAt: occurredAt, mode: mode, customer: order.customer,
                    event: .purchase(Purchase(orderID: orderID, otherOrderIDs: others, items: items)))
    }

    /// A refund of the whole order: the latest refund transaction's amount (earlier ones
    /// came with earlier deliveries), full when all refunds reach what was paid. With
    /// no refund transaction in the payload, the whole gross is taken as refunded.
    private func refund(orderID: String) throws(AdapterError) -> Refund {
        let currency = try order.currency()
        let transactions = try order.transactions()
        let refunds = transactions.filter(\.isRefund)
        let paid = transactions.filter { !$0.isRefund }.compactMap { $0.gross(currency: currency) }
        // Everything paid: the settled gross, or the payments when they add up to more
        // (a subscription's gross may count its first payment only).
        let payments: Int64? = paid.isEmpty ? nil : paid.reduce(0, &+)
        let gross = [order.settledGross(currency: currency), payments].compactMap { $0 }.max()
        guard let latest = Self.latest(refunds) else {
            return Refund(orderID: orderID, amount: gross ?? 0, currency: currency, isFull: true)
        }
        let total = refunds.compactMap { $0.gross(currency: currency) }.reduce(Int64(0), &+)
        return Refund(orderID: orderID, amount: latest.gross(currency: currency) ?? 0, currency: currency,
                      isFull: gross.map { total >= $0 } ?? true)
    }

    /// When a change that brings no transaction of its own happened (a dispute, a
    /// chargeback, a cancellation): the order's `updated_at` when sent, else when the
    /// webhook arrived, since SendOwl sends it at once. Their latest transaction is an
    /// earlier payment, and dating a revocation back to it would rewrite history.
    private var changedAt: Date { order.updatedAt ?? receivedAt }

    /// A fact of the order's change at this moment, keyed by state, refund flag and
    /// transactions. Unless `at` says otherwise, it happened at the latest transaction
    /// (the refund, the renewal), else at checkout, else when it arrived.
    private func change(_ event: Event, _ state: OrderState, _ refunded: Bool,
                        at time: Date? = nil) throws(AdapterError) -> Fact {
        let id = try order.id()
        let transactions = try order.transactions()
        let occurredAt = time ?? Self.latest(transactions)?.createdAt ?? order.completedCheckoutAt ?? receivedAt
        let key = SendOwlFactKey.change(instance: instance, orderID: id, state: state, refunded: refunded,
                                        transactionIDs: transactions.map(\.id), kind: event.kindName)
        return Fact(key: key, instance: instance, occurredAt: occurredAt, mode: mode, customer: order.customer, event: event)
    }

    /// The transaction created last; the last listed when times are missing or equal.
    private static func latest(_ transactions: [SendOwlTransaction]) -> SendOwlTransaction? {
        transactions.enumerated().max { left, right in
            let l = left.element.createdAt ?? .distantPast
            let r = right.element.createdAt ?? .distantPast
            return l == r ? left.offset < right.offset : l < r
        }?.element
    }
}
