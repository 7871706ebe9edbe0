import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Customers whose name or email contains `query`; `cursor` from the previous page.
    ///
    /// Three characters or more match anywhere in a name or a current or former email,
    /// ignoring case and accents; two match the start of a word or an email; one the start of
    /// an email. An empty query lists every customer. Pages run in customer-id order.
    public func search(_ query: String, limit: Int = 50, cursor: String? = nil) async throws -> Page<CustomerSummary> {
        let after = try Self.customerCursor(cursor)
        let limit = try Self.pageLimit(limit)
        let items = try await store.searchCustomers(query, limit: limit, after: after)
        return Page(items: items, next: items.count == limit ? items.last.map { String($0.id) } : nil)
    }

    /// A course's customers, optionally of one status (`active`, `revoked`, `expired`).
    public func courseCustomers(_ course: String, status: String?, limit: Int = 50, cursor: String? = nil) async throws -> Page<CourseMember> {
        guard mapping.mapping.courses[course] != nil else {
            throw SupportError(.notFound, "no course \(course) in the mapping")
        }
        if let status, !Self.memberStatuses.contains(status) {
            throw SupportError(.invalid, "status must be active, revoked or expired", field: "status")
        }
        let after = try Self.customerCursor(cursor)
        let limit = try Self.pageLimit(limit)
        let items = try await store.courseMembers(course: course, status: status, limit: limit, after: after)
        return Page(items: items, next: items.count == limit ? items.last.map { String($0.customer.id) } : nil)
    }

    /// Active customers per course of the mapping (0 for a course nobody has).
    public func activeCounts() async throws -> [String: Int] {
        let counts = try await store.activeCounts()
        return Dictionary(uniqueKeysWithValues: mapping.mapping.courses.keys.map { ($0, counts[$0] ?? 0) })
    }

    /// Everything about one customer. Throws ``SupportError`` not found.
    public func profile(customerID: Int64) async throws -> CustomerProfile {
        guard let customer = try await store.customer(id: customerID) else {
            throw SupportError(.notFound, "no customer \(customerID)")
        }
        let access = try await store.access(customerID: customerID)
        let history = CustomerHistory(facts: try await store.facts(customerID: customerID),
                                      events: try await store.accessEvents(customerID: customerID))
        return CustomerProfile(
            id: customer.id, email: customer.email, name: customer.name, aliases: customer.aliases,
            createdAt: customer.createdAt, erased: customer.isErased,
            access: access.map { courseAccess($0, history: history) },
            purchases: history.purchases, payments: history.payments, subscriptions: history.subscriptions,
            timeline: history.timeline)
    }

    /// The customer an email (current or former) belongs to.
    public func customerID(email: String) async throws -> Int64 {
        guard let customer = try await store.customer(email: email) else {
            throw SupportError(.notFound, "no customer with the email \(email)")
        }
        return customer.id
    }

    /// One course of a profile: status, expiry, what the course site says when revoked, and
    /// the facts behind it.
    private func courseAccess(_ record: AccessRecord, history: CustomerHistory) -> CourseAccess {
        let course = mapping.mapping.courses[record.course]
        var message: String?
        if case .revoked(let reason) = record.state.status {
            if let course {
                message = AccessAnswer(status: record.state.status, course: course).message(for: reason)
            } else if case .manual(let text) = reason {
                message = text
            }
        }
        return CourseAccess(course: record.course, title: course?.title, status: record.state.status.name,
                            expiresAt: record.state.status.date, message: message,
                            sources: record.state.causes.compactMap { history.source($0) })
    }

    static let memberStatuses: Set<String> = ["active", "revoked", "expired"]

    /// The customer id a cursor carries (the last id of the previous page).
    static func customerCursor(_ cursor: String?) throws -> Int64? {
        guard let cursor, !cursor.isEmpty else { return nil }
        guard let id = Int64(cursor), id >= 0 else {
            throw SupportError(.invalid, "cursor must be the `next` value of a previous page", field: "cursor")
        }
        return id
    }

    static func pageLimit(_ limit: Int) throws -> Int {
        guard (1...1000).contains(limit) else {
            throw SupportError(.invalid, "limit must be a whole number from 1 to 1000", field: "limit")
        }
        return limit
    }
}
