import Foundation

/// Applies refunds, subscription changes and disputes to the sources they concern,
/// as endings decided by each source's policies.
struct SourceLifecycle {
    private(set) var sources: [Source]
    private var refundedPerItem: [Int: Int64] = [:]
    private var refundedPerOrder: [String: Int64] = [:]
    private var subscriptionChanges: [Int: [(Fact, SubscriptionChange.Change)]] = [:]
    private var disputes: [Int: [String: (opened: Fact?, outcome: (Fact, Dispute.Outcome)?)]] = [:]

    init(sources: [Source]) { self.sources = sources }

    mutating func apply(_ fact: Fact) {
        switch fact.event {
        case .refund(let refund): apply(refund, of: fact)
        case .subscription(let change):
            for index in indices(of: fact, where: { $0.isAffected(by: change) }) {
                subscriptionChanges[index, default: []].append((fact, change.change))
                sources[index].orderIDs.formUnion(change.paymentIDs ?? [])
            }
        case .dispute(let dispute):
            for index in indices(of: fact, where: { $0.orderIDs.contains(dispute.orderID) }) {
                var entry = disputes[index, default: [:]][dispute.disputeID] ?? (nil, nil)
                if let outcome = dispute.outcome { entry.outcome = (fact, outcome) } else { entry.opened = fact }
                disputes[index, default: [:]][dispute.disputeID] = entry
            }
        case .purchase, .admin, .detailsChanged:
            break
        }
    }

    /// Sources with every ending, once all facts were applied.
    func finished() -> [Source] {
        sources.indices.map { index in
            var source = sources[index]
            source.endings += timeEndings(of: source)
            source.endings += subscriptionEndings(of: source, changes: subscriptionChanges[index] ?? [])
            source.endings += disputeEndings(of: source, disputes: disputes[index] ?? [:])
            return source
        }
    }

    /// The sources a follow-up fact concerns: same instance, same mode (a test-mode refund
    /// never touches a live purchase whose ids happen to match), and matching ids.
    private func indices(of fact: Fact, where matches: (Source) -> Bool) -> [Int] {
        sources.indices.filter {
            sources[$0].instance == fact.instance && sources[$0].fact.mode == fact.mode && matches(sources[$0])
        }
    }

    private mutating func apply(_ refund: Refund, of fact: Fact) {
        let affected = indices(of: fact, where: { $0.isAffected(by: refund) })
        guard !affected.isEmpty else { return }
        let isFull: Bool
        if refund.item == nil {
            refundedPerOrder[refund.orderID, default: 0] += refund.amount
            let total = affected.reduce(Int64(0)) { $0 + (sources[$1].item?.amount ?? 0) }
            isFull = refund.isFull ?? (refundedPerOrder[refund.orderID, default: 0] >= total)
        } else {
            for index in affected { refundedPerItem[index, default: 0] += refund.amount }
            isFull = refund.isFull ?? affected.allSatisfy {
                refundedPerItem[$0, default: 0] >= (sources[$0].item?.amount ?? 0)
            }
        }
        for index in affected {
            let policy = isFull ? sources[index].policies.onRefund : sources[index].policies.onPartialRefund
            guard policy == .revoke else { continue }
            sources[index].endings.append(Ending(at: fact.occurredAt, kind: .revoked(.refunded),
                                                 cause: Cause(fact: fact.key, role: .refund)))
        }
    }

    private func timeEndings(of source: Source) -> [Ending] {
        var endings: [Ending] = []
        if case .admin(let action) = source.fact.event, case .grant(_, let until?) = action.action {
            endings.append(Ending(at: until, kind: .expired, cause: source.grantCause))
        }
        if let days = source.accessDays {
            endings.append(Ending(at: source.grantedAt.addingTimeInterval(Double(days) * 86_400),
                                  kind: .expired, cause: source.grantCause))
        }
        return endings
    }

    private func subscriptionEndings(of source: Source,
                                     changes: [(Fact, SubscriptionChange.Change)]) -> [Ending] {
        var cancellation: (Fact, Cancellation)?
        var paused: Fact?
        var failed: Fact?
        var periodEnd: Date?
        for (fact, change) in changes {
            switch change {
            case .started(let end), .renewed(let end):
                periodEnd = end ?? periodEnd
                failed = nil
            case .paused:
                if paused == nil { paused = fact }
            case .resumed:
                paused = nil
                cancellation = nil
            case .cancelled(let cancel):
                // The first cancellation decides: the provider's echo of an admin's cancel
                // must not apply the provider policy on top. The echo may be stamped before
                // the admin's fact (the provider's clock, whole seconds), so an admin's cancel
                // also replaces a provider's report standing before it.
                if cancellation == nil || (cancel.initiator == .admin && cancellation?.1.initiator == .provider) {
                    cancellation = (fact, cancel)
                }
                periodEnd = cancel.periodEnd ?? periodEnd
            case .paymentFailed:
                if failed == nil { failed = fact }
            }
        }
        var endings: [Ending] = []
        if let (fact, cancel) = cancellation {
            let cause = Cause(fact: fact.key, role: .cancellation)
            switch source.policies.cancelPolicy(for: cancel.initiator) {
            case .revokeNow:
                endings.append(Ending(at: fact.occurredAt, kind: .revoked(.cancelled), cause: cause))
            case .periodEnd:
                endings.append(Ending(at: cancel.periodEnd ?? periodEnd ?? fact.occurredAt,
                                      kind: .expired, cause: cause))
            case .keep:
                break
            }
        }
        if let paused, source.policies.onPause == .suspend {
            endings.append(Ending(at: paused.occurredAt, kind: .revoked(.paused),
                                  cause: Cause(fact: paused.key, role: .pause)))
        }
        if let failed, case .revokeAfterDays(let days) = source.policies.onPaymentFailed {
            endings.append(Ending(at: failed.occurredAt.addingTimeInterval(Double(days) * 86_400),
                                  kind: .revoked(.paymentFailed),
                                  cause: Cause(fact: failed.key, role: .paymentFailed)))
        }
        return endings
    }

    private func disputeEndings(of source: Source,
                                disputes: [String: (opened: Fact?, outcome: (Fact, Dispute.Outcome)?)]) -> [Ending] {
        guard source.policies.onDispute == .revoke else { return [] }
        return disputes.values.compactMap { dispute -> Ending? in
            if let (_, outcome) = dispute.outcome, outcome == .won { return nil }
            guard let fact = dispute.opened ?? dispute.outcome?.0 else { return nil }
            return Ending(at: fact.occurredAt, kind: .revoked(.disputed), cause: Cause(fact: fact.key, role: .dispute))
        }
    }
}
