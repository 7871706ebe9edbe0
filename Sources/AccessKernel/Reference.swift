/// An id by which a provider refers to something of one customer: an order, a
/// subscription, or the provider's customer record.
///
/// Facts without an email (a Stripe subscription deletion) find their customer through
/// the references that earlier facts established.
public struct Reference: Sendable, Hashable, Codable {
    public var instance: InstanceID
    public var kind: Kind
    public var id: String

    public init(instance: InstanceID, kind: Kind, id: String) {
        self.instance = instance
        self.kind = kind
        self.id = id
    }

    public enum Kind: String, Sendable, Hashable, Codable { case order, subscription, customer }
}

extension Fact {
    /// The references this fact ties to its customer once the customer is known.
    public var establishedReferences: [Reference] {
        var references: [Reference] = []
        if let id = customer.providerCustomerID { references.append(.init(instance: instance, kind: .customer, id: id)) }
        switch event {
        case .purchase(let purchase):
            references += purchase.allOrderIDs.map { .init(instance: instance, kind: .order, id: $0) }
            references += purchase.items.compactMap(\.subscriptionID)
                .map { .init(instance: instance, kind: .subscription, id: $0) }
        case .subscription(let change):
            references.append(.init(instance: instance, kind: .subscription, id: change.subscriptionID))
            if let order = change.orderID { references.append(.init(instance: instance, kind: .order, id: order)) }
            references += (change.paymentIDs ?? []).map { .init(instance: instance, kind: .order, id: $0) }
        case .refund(let refund):
            references.append(.init(instance: instance, kind: .order, id: refund.orderID))
        case .dispute(let dispute):
            references.append(.init(instance: instance, kind: .order, id: dispute.orderID))
        case .admin, .detailsChanged:
            break
        }
        var seen = Set<Reference>()
        return references.filter { seen.insert($0).inserted }
    }
}
