import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// The customer with this id; throws not found otherwise.
    func knownCustomer(id: Int64) async throws -> CustomerRecord {
        guard let customer = try await store.customer(id: id) else {
            throw SupportError(.notFound, "no customer \(id)")
        }
        return customer
    }

    /// Records `facts` about one customer and returns what they changed in the customer's access.
    func recordChanges(_ facts: [Fact], customerID: Int64, diff: AccessDiff) async throws -> [AccessChange] {
        guard !facts.isEmpty else { return [] }
        return diff.changes(in: try await recorder.record(facts), customerID: customerID)
    }
}
