import AccessKernel
import AdapterKit
import Foundation

/// Reads one SendOwl order into a verdict with one instance's settings, however the order
/// arrived: a webhook body or an answer of SendOwl's API.
///
/// Both carry the order in the same shape (`{"order": {…}}`), so both paths read it here and
/// give the same facts under the same keys (see ``SendOwlFactKey``): a fact recovered through
/// the API is a duplicate of its webhook's, whichever is recorded first.
struct OrderReader: Sendable {
    let instance: AdapterInstance
    let packageIDs: Set<String>

    /// What an order is before its facts are made: its state and the facts builder, or why
    /// it gives none (a state this adapter does not know, a test order the instance refuses).
    enum Reading {
        case order(OrderState, OrderFacts)
        case ignored(reason: String)
    }

    /// The verdict for `order` in the state it is in; `trigger` is the `X-SENDOWL-EVENT`
    /// header of a webhook (`nil` from the API), `receivedAt` when the order was read.
    func verdict(for order: SendOwlOrder, trigger: String?, receivedAt: Date) throws(AdapterError) -> Verdict {
        switch try reading(order, trigger: trigger, receivedAt: receivedAt) {
        case .ignored(let reason): return .ignored(reason: reason)
        case .order(let state, let facts): return try facts.verdict(state: state, refunded: try order.refunded())
        }
    }

    /// The state of `order` and the builder of its facts, or why it gives none.
    func reading(_ order: SendOwlOrder, trigger: String?, receivedAt: Date) throws(AdapterError) -> Reading {
        let id = try order.id()
        guard let state = try Self.state(of: order, trigger: trigger) else {
            return .ignored(reason: "unknown SendOwl order state \(order.state.map { String($0.prefix(64)) } ?? "")")
        }
        let mode = Self.mode(of: order)
        if mode == .test, !instance.acceptsTestEvents {
            return .ignored(reason: "test-mode SendOwl order \(id) ignored: instance \(instance.id) does not accept test events")
        }
        return .order(state, OrderFacts(order: order, instance: instance.id, packageIDs: packageIDs, mode: mode,
                                        receivedAt: receivedAt))
    }

    /// The order's state from `state`, else from the trigger header; `nil` when the body
    /// names a state this adapter does not know. Neither present is malformed.
    static func state(of order: SendOwlOrder, trigger: String?) throws(AdapterError) -> OrderState? {
        if let text = order.state {
            if let state = OrderState(state: text) { return state }
            return trigger.flatMap(OrderState.init(event:))
        }
        if let state = trigger.flatMap(OrderState.init(event:)) { return state }
        throw AdapterError(.malformed, "state is missing; a SendOwl order says what state it is in")
    }

    /// Test mode when the gateway names a test or sandbox gateway, else live.
    static func mode(of order: SendOwlOrder) -> Mode {
        guard let gateway = order.gateway?.lowercased() else { return .live }
        let words = gateway.split { !($0.isLetter || $0.isNumber) }
        return words.contains("test") || words.contains("sandbox") ? .test : .live
    }
}
