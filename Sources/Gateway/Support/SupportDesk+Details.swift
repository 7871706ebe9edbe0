import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Changes name and/or email; the former email stays an alias. Throws conflict when the
    /// email belongs to another customer, invalid when it is not an email.
    ///
    /// The change is a details fact with the actor; the store moves the customer to the new
    /// email and keeps the old one, so a later webhook with the old email still finds them.
    public func changeDetails(customerID: Int64, name: String?, email: String?, by actor: String) async throws -> CustomerProfile {
        let customer = try await knownCustomer(id: customerID)
        if let email {
            guard EmailAddress.isPlausible(email) else {
                throw SupportError(.invalid, "\(email) is not an email address", field: "email")
            }
            if let owner = try await store.customer(email: email), owner.id != customerID {
                throw SupportError(.conflict, "\(EmailAddress.normalise(email)) belongs to another customer (\(owner.id))")
            }
        }
        if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw SupportError(.invalid, "the name is empty", field: "name")
        }
        let changesEmail = email.map { EmailAddress.normalise($0) != customer.email } ?? false
        if changesEmail || (name != nil && name != customer.name) {
            let fact = AdminFacts(actor: actor, email: customer.email)
                .details(CustomerDetails(name: name, email: changesEmail ? email : nil))
            _ = try await recorder.record([fact])
        }
        return try await profile(customerID: customerID)
    }

    /// Queues the welcome mail again (for one course, or each active one); returns the deliveries.
    ///
    /// The mail is queued whatever the mapping's mail settings: the outbox worker sends it
    /// when mail is configured and keeps it pending otherwise. Throws not found for an unknown
    /// customer, invalid (`course`) when the customer cannot open that course now.
    public func resendWelcome(customerID: Int64, course: String?, by actor: String) async throws -> [Int64] {
        _ = try await knownCustomer(id: customerID)
        let active = AccessDiff(before: try await store.access(customerID: customerID)).activeCourses
        let courses: [String]
        if let course {
            guard active.contains(course) else {
                throw SupportError(.invalid, "customer \(customerID) has no active access to course \(course)", field: "course")
            }
            courses = [course]
        } else {
            courses = active.sorted()
        }
        let now = Date()
        var ids: [Int64] = []
        for course in courses {
            ids.append(try await store.queueWelcome(customerID: customerID, course: course, now: now))
        }
        return ids
    }

    /// Anonymises the customer's personal data, keeps financial facts, tells the sinks.
    ///
    /// First an erasure fact with the actor is recorded: its transaction writes a
    /// `customer.erased` event for every sink while the email is still there to name the
    /// customer by; then the store scrubs names and emails.
    public func erase(customerID: Int64, by actor: String) async throws {
        let customer = try await knownCustomer(id: customerID)
        _ = try await recorder.record([AdminFacts(actor: actor, email: customer.email).details(CustomerDetails(erased: true))])
        guard try await store.erase(customerID: customerID, now: Date()) else {
            throw SupportError(.notFound, "no customer \(customerID)")
        }
    }
}
