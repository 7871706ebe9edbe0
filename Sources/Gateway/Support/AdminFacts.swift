import AccessKernel
import Foundation

/// The facts one support action becomes: about one customer, made by one actor, at one time.
///
/// Each gets a key of its own (`admin:<uuid>`) unless the caller names one, so that doing the
/// same thing twice is two facts, except where repeating must change nothing (a provider
/// cancel, see ``SupportDesk/payment(_:customerID:by:)``).
struct AdminFacts {
    /// Who acted: an API key's name, `cli`, `import`.
    let actor: String
    /// The customer as facts identify them: by their current email.
    let customer: CustomerRef
    let now: Date

    init(actor: String, email: String, name: String? = nil, now: Date = Date()) {
        self.actor = actor
        self.customer = CustomerRef(email: email, name: name)
        self.now = now
    }

    /// A fresh key no other fact has.
    static func uniqueKey() -> FactKey { FactKey("admin:\(UUID().uuidString.lowercased())") }

    /// An admin action on access (or a note of one) as a fact of the `admin` instance.
    func action(_ action: AdminAction.Action, note: String? = nil, key: FactKey = AdminFacts.uniqueKey()) -> Fact {
        Fact(key: key, instance: .admin, occurredAt: now, customer: customer,
             event: .admin(AdminAction(actor: actor, action: action, note: note)))
    }

    /// A change of the customer's own details (name, email, erasure).
    func details(_ details: CustomerDetails, key: FactKey = AdminFacts.uniqueKey()) -> Fact {
        Fact(key: key, instance: .admin, occurredAt: now, customer: customer, event: .detailsChanged(details))
    }
}
