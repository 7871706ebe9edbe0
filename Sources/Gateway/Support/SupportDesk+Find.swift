import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Customers whose name or email contains `query`; `cursor` from the previous page.
    public func search(_ query: String, limit: Int = 50, cursor: String? = nil) async throws -> Page<CustomerSummary> {
        throw Self.notYet("search")
    }

    /// A course's customers, optionally of one status (`active`, `revoked`, `expired`).
    public func courseCustomers(_ course: String, status: String?, limit: Int = 50, cursor: String? = nil) async throws -> Page<CourseMember> {
        throw Self.notYet("course customers")
    }

    /// Active customers per course of the mapping (0 for a course nobody has).
    public func activeCounts() async throws -> [String: Int] { throw Self.notYet("active counts") }

    /// Everything about one customer. Throws ``SupportError`` not found.
    public func profile(customerID: Int64) async throws -> CustomerProfile { throw Self.notYet("profile") }

    /// The customer an email (current or former) belongs to.
    public func customerID(email: String) async throws -> Int64 { throw Self.notYet("lookup") }
}
