import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Gives the customer exactly `selection` (as admin grants and revokes of the difference
    /// from what they have now); returns what changed.
    ///
    /// Choices that open only courses the customer already has are not granted again, and
    /// active courses outside the selection get a manual revoke without a message, so
    /// setting the same selection twice records nothing the second time.
    public func setAccess(customerID: Int64, to selection: AccessSelection, by actor: String) async throws -> [AccessChange] {
        let customer = try await knownCustomer(id: customerID)
        let wanted = try ResolvedSelection(selection, mapping: mapping.mapping)
        let diff = AccessDiff(before: try await store.access(customerID: customerID))
        let make = AdminFacts(actor: actor, email: customer.email)
        var facts = Self.grants(of: wanted, missingFrom: diff.activeCourses, until: nil, by: make)
        facts += diff.activeCourses.subtracting(wanted.courses).sorted().map {
            make.action(.revoke(course: $0, message: nil))
        }
        return try await recordChanges(facts, customerID: customerID, diff: diff)
    }

    /// Adds a customer by name and email with `selection`; an existing email adds to that
    /// customer. A welcome mail goes only to a new customer.
    ///
    /// For an existing customer only what opens a course they do not have yet is granted,
    /// so adding the same person twice changes nothing. The welcome mail is the outbox's
    /// doing: it follows the first grant a customer ever has, as for a purchase.
    public func addCustomer(name: String?, email: String, selection: AccessSelection, expiresAt: Date?,
                            by actor: String) async throws -> AddedCustomer {
        guard EmailAddress.isPlausible(email) else {
            throw SupportError(.invalid, "\(email) is not an email address", field: "email")
        }
        let wanted = try ResolvedSelection(selection, mapping: mapping.mapping)
        let now = Date()
        if let expiresAt, expiresAt <= now {
            throw SupportError(.invalid, "the expiry must be in the future", field: "expires_at")
        }
        if let existing = try await store.customer(email: email) {
            let diff = AccessDiff(before: try await store.access(customerID: existing.id))
            let make = AdminFacts(actor: actor, email: existing.email, name: name, now: now)
            let facts = Self.grants(of: wanted, missingFrom: diff.activeCourses, until: expiresAt, by: make)
            let changes = try await recordChanges(facts, customerID: existing.id, diff: diff)
            return AddedCustomer(customerID: existing.id, created: false, changes: changes)
        }
        let make = AdminFacts(actor: actor, email: email, name: name, now: now)
        var facts = Self.grants(of: wanted, missingFrom: [], until: expiresAt, by: make)
        if facts.isEmpty {
            // Nothing to grant: the customer is still created, by a fact that only names them.
            facts = [make.details(CustomerDetails(name: name))]
        }
        let outcome = try await recorder.record(facts)
        guard case .recorded(let customerID)? = outcome.results.first else {
            throw SupportError(.conflict, "\(email) could not be added: its facts were recorded already")
        }
        return AddedCustomer(customerID: customerID, created: outcome.newCustomers.contains(customerID),
                             changes: AccessDiff().changes(in: outcome, customerID: customerID))
    }

    /// Takes a course away without refunding or cancelling anything; `message` is what the
    /// course site shows.
    ///
    /// - Throws: not found when the customer has no access record for the course.
    public func revoke(customerID: Int64, course: String, message: String?, by actor: String) async throws -> [AccessChange] {
        let (customer, diff) = try await accessRecord(customerID: customerID, course: course)
        let fact = AdminFacts(actor: actor, email: customer.email).action(.revoke(course: course, message: message))
        return try await recordChanges([fact], customerID: customerID, diff: diff)
    }

    /// Lifts a revoke.
    ///
    /// - Throws: not found when the customer has no access record for the course; conflict
    ///   when the course is not revoked by an admin (a refund or a cancel is not undone by a
    ///   restore: it records nothing rather than a restore that would do nothing).
    public func restore(customerID: Int64, course: String, by actor: String) async throws -> [AccessChange] {
        let (customer, diff) = try await accessRecord(customerID: customerID, course: course)
        guard case .revoked(.manual) = diff.before[course]?.status else {
            let status = diff.before[course]?.status.name ?? AccessStatus.none.name
            throw SupportError(.conflict, "course \(course) is \(status), not revoked by an admin: there is nothing to restore")
        }
        let fact = AdminFacts(actor: actor, email: customer.email).action(.restore(course: course))
        return try await recordChanges([fact], customerID: customerID, diff: diff)
    }

    /// Sets (a date) or removes (`nil`) one customer's expiry on one course.
    ///
    /// A date in the past ends the access now. Throws not found when the customer has no
    /// access record for the course.
    public func setExpiry(customerID: Int64, course: String, at date: Date?, by actor: String) async throws -> [AccessChange] {
        let (customer, diff) = try await accessRecord(customerID: customerID, course: course)
        let action: AdminAction.Action = date.map { .setExpiry(course: course, at: $0) } ?? .removeExpiry(course: course)
        let fact = AdminFacts(actor: actor, email: customer.email).action(action)
        return try await recordChanges([fact], customerID: customerID, diff: diff)
    }

    /// The customer and their access, when they have a record for `course`; not found otherwise.
    private func accessRecord(customerID: Int64, course: String) async throws -> (CustomerRecord, AccessDiff) {
        let customer = try await knownCustomer(id: customerID)
        let diff = AccessDiff(before: try await store.access(customerID: customerID))
        guard diff.before[course] != nil else {
            throw SupportError(.notFound, "customer \(customerID) has no access to course \(course)")
        }
        return (customer, diff)
    }

    /// Grants of the choices that open a course not yet in `active` (nor opened by an earlier
    /// choice), each as the choice names it: a course, or a product so the product is the source.
    static func grants(of selection: ResolvedSelection, missingFrom active: Set<String>, until: Date?,
                       by make: AdminFacts) -> [Fact] {
        var covered = active
        var facts: [Fact] = []
        for choice in selection.choices where !choice.courses.isSubset(of: covered) {
            covered.formUnion(choice.courses)
            facts.append(make.action(.grant(choice.target, until: until)))
        }
        return facts
    }
}
