import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Gives the customer exactly `selection` (as admin grants and revokes of the difference
    /// from what they have now); returns what changed.
    public func setAccess(customerID: Int64, to selection: AccessSelection, by actor: String) async throws -> [AccessChange] {
        throw Self.notYet("edit access")
    }

    /// Adds a customer by name and email with `selection`; an existing email adds to that
    /// customer. A welcome mail goes only to a new customer.
    public func addCustomer(name: String?, email: String, selection: AccessSelection, expiresAt: Date?,
                            by actor: String) async throws -> AddedCustomer {
        throw Self.notYet("add customer")
    }

    /// Takes a course away without refunding or cancelling anything; `message` is what the
    /// course site shows.
    public func revoke(customerID: Int64, course: String, message: String?, by actor: String) async throws -> [AccessChange] {
        throw Self.notYet("revoke")
    }

    /// Lifts a revoke.
    public func restore(customerID: Int64, course: String, by actor: String) async throws -> [AccessChange] {
        throw Self.notYet("restore")
    }

    /// Sets (a date) or removes (`nil`) one customer's expiry on one course.
    public func setExpiry(customerID: Int64, course: String, at date: Date?, by actor: String) async throws -> [AccessChange] {
        throw Self.notYet("expiry")
    }
}
