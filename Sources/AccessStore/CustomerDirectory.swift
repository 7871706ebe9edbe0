import AccessKernel
import Foundation

/// Finding customers: by part of a name or email, and per course with their status — what
/// support staff and the creator's customer list ask.
public protocol CustomerDirectory: Sendable {
    /// Customers whose name, email or former email contains `query` (case- and
    /// accent-insensitive), ordered by id, `limit` at most, after the customer id `after`
    /// (paging). An empty query lists everyone. Fast on a million customers.
    ///
    /// A substring needs three characters or more; a two-character query matches the start
    /// of a word of the name or of an email, a one-character query the start of an email.
    /// Erased customers are never found.
    func searchCustomers(_ query: String, limit: Int, after: Int64?) async throws -> [CustomerSummary]

    /// A course's customers with their access, optionally of one status (`active`,
    /// `revoked`, `expired`), ordered by customer id, `limit` at most, after `after`.
    func courseMembers(course: String, status: String?, limit: Int, after: Int64?) async throws -> [CourseMember]

    /// Active customers per course; revoked and expired ones are not counted.
    func activeCounts() async throws -> [String: Int]

    /// Anonymises a customer's personal data (name, emails, and the name and email inside
    /// their facts), keeping the financial facts; returns `false` when there is no such customer.
    ///
    /// The email becomes a placeholder (``ErasedCustomer/placeholderEmail(for:)``) and former
    /// emails stop finding the customer. Messages not yet delivered keep the address they
    /// were written with, so the course site still hears about the access they report.
    func erase(customerID: Int64, now: Date) async throws -> Bool
}

/// One customer in a search result.
public struct CustomerSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var email: String
    public var name: String?
    public var createdAt: Date
    /// Courses the customer may open now.
    public var activeCourses: [String]

    public init(id: Int64, email: String, name: String?, createdAt: Date, activeCourses: [String]) {
        self.id = id
        self.email = email
        self.name = name
        self.createdAt = createdAt
        self.activeCourses = activeCourses
    }
}

/// One customer of a course, as the export and the course's customer list show them.
public struct CourseMember: Sendable, Hashable {
    public var customer: CustomerSummary
    public var course: String
    public var state: AccessState
    /// When the access last changed.
    public var changedAt: Date

    public init(customer: CustomerSummary, course: String, state: AccessState, changedAt: Date) {
        self.customer = customer
        self.course = course
        self.state = state
        self.changedAt = changedAt
    }
}
