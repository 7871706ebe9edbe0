import AccessKernel
import AdapterKit
import Foundation

extension OrderReader {
    /// The facts of `order` as SendOwl's API shows it now, keyed as its webhooks' were.
    ///
    /// They are the facts of the webhook its current state sends, and its purchase, which a
    /// later state's webhook does not repeat (a refunded or cancelled order): the purchase's
    /// key names the order only, so it is a duplicate of the `order_completed` delivery's.
    /// Earlier changes that left no trace in the current state (an earlier partial refund,
    /// an earlier renewal) are not made up: their keys hold the state the order was in then,
    /// which the API no longer shows, and the latest change covers them (a refund counts
    /// every refund so far towards `isFull`; a renewal carries the latest period end).
    ///
    /// Nothing for an order that gives no facts by webhook either: failed, awaiting fraud
    /// review, in a state not known, or a test order the instance does not accept.
    func currentFacts(of order: SendOwlOrder, readAt: Date) throws(AdapterError) -> [Fact] {
        guard case .order(let state, let builder) = try reading(order, trigger: nil, receivedAt: readAt) else { return [] }
        var facts: [Fact] = []
        if case .facts(let changes) = try builder.verdict(state: state, refunded: try order.refunded()) { facts = changes }
        let hasPurchase = facts.contains { if case .purchase = $0.event { true } else { false } }
        if state.followsAPurchase, !hasPurchase {
            facts.insert(try builder.purchase(orderID: try order.id()), at: 0)
        }
        return facts
    }
}

extension OrderState {
    /// Whether an order in this state was bought: every state but a failed payment and one
    /// awaiting fraud review.
    var followsAPurchase: Bool {
        switch self {
        case .failed, .fraudReview: false
        default: true
        }
    }
}
