import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Changes name and/or email; the former email stays an alias. Throws conflict when the
    /// email belongs to another customer, invalid when it is not an email.
    public func changeDetails(customerID: Int64, name: String?, email: String?, by actor: String) async throws -> CustomerProfile {
        throw Self.notYet("details")
    }

    /// Queues the welcome mail again (for one course, or each active one); returns the deliveries.
    public func resendWelcome(customerID: Int64, course: String?, by actor: String) async throws -> [Int64] {
        throw Self.notYet("resend welcome")
    }

    /// Anonymises the customer's personal data, keeps financial facts, tells the sinks.
    public func erase(customerID: Int64, by actor: String) async throws { throw Self.notYet("erase") }
}
