import AccessKernel
import AccessStore
import Foundation
import Gateway
import Testing

/// A customer's own details: name and email (the old email stays an alias), the welcome
/// mail again, and erasure.
@Suite struct SupportDetailsTests {
    static let ann = "ann@example.com"

    private static func withAnn() async throws -> (SupportChangeFixture, Int64) {
        let fixture = try await SupportChangeFixture()
        let added = try await fixture.desk.addCustomer(name: "Ann", email: ann, selection: AccessSelection(courses: ["watercolour", "studio"]),
                                                       expiresAt: nil, by: "support")
        return (fixture, added.customerID)
    }

    /// A purchase of ThriveCart product 12 by `email`, as a webhook would record it.
    static func purchase(_ order: String, email: String) -> Fact {
        Fact(key: FactKey("tc-main:order:\(order)"), instance: "tc-main", occurredAt: Date(), customer: CustomerRef(email: email),
             event: .purchase(Purchase(orderID: order, items: [OrderItem(key: ItemKey(.upsell, "2"), amount: 9_700, currency: "USD")])))
    }

    @Test func aNewEmailMovesTheCustomerAndTheOldOneStaysAnAliasThatWebhooksStillMatch() async throws {
        let (fixture, ann) = try await Self.withAnn()
        _ = try await fixture.desk.changeDetails(customerID: ann, name: "Ann Berg", email: "Ann.Berg@New.example", by: "support")
        let customer = try #require(try await fixture.store.customer(id: ann))
        #expect(customer.email == "ann.berg@new.example")
        #expect(customer.name == "Ann Berg")
        #expect(customer.aliases.contains(Self.ann))
        #expect(try await fixture.store.customer(email: Self.ann)?.id == ann, "the old email still finds her")

        let later = try await fixture.record([Self.purchase("5550001", email: Self.ann)])
        #expect(later.results == [.recorded(customerID: ann)], "a webhook with the old email is hers")
        #expect(later.newCustomers.isEmpty)
        #expect(try await fixture.status(ann, "masterclass") == .active(until: nil))

        let change = try #require(try await fixture.store.facts(customerID: ann).compactMap { stored -> CustomerDetails? in
            if case .detailsChanged(let details) = stored.fact.event { details } else { nil }
        }.last)
        #expect(change == CustomerDetails(name: "Ann Berg", email: "Ann.Berg@New.example"))
    }

    @Test func anEmailOfAnotherCustomerIsAConflict() async throws {
        let (fixture, ann) = try await Self.withAnn()
        _ = try await fixture.desk.addCustomer(name: "Bo", email: "bo@example.com", selection: AccessSelection(), expiresAt: nil, by: "t")
        let error = await supportFailure { try await fixture.desk.changeDetails(customerID: ann, name: nil, email: "BO@example.com", by: "t") }
        #expect(error?.kind == .conflict)
        #expect(try await fixture.store.customer(id: ann)?.email == Self.ann)
    }

    @Test func anInvalidEmailNamesTheField() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let error = await supportFailure { try await fixture.desk.changeDetails(customerID: ann, name: nil, email: "ann at example", by: "t") }
        #expect(error?.kind == .invalid)
        #expect(error?.field == "email")
        #expect(await supportFailure { try await fixture.desk.changeDetails(customerID: 77, name: "X", email: nil, by: "t") }?.kind
                == .notFound)
    }

    @Test func theSameDetailsRecordNothing() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let facts = try await fixture.store.facts(customerID: ann).count
        let profile = try await fixture.desk.changeDetails(customerID: ann, name: "Ann", email: "ANN@example.com", by: "t")
        #expect(profile.email == Self.ann && profile.name == "Ann" && profile.aliases.isEmpty)
        #expect(try await fixture.store.facts(customerID: ann).count == facts)
    }

    // MARK: Welcome mail

    @Test func theWelcomeMailIsQueuedAgainForOneCourseOrEachActiveOne() async throws {
        let (fixture, ann) = try await Self.withAnn()
        _ = try await fixture.desk.revoke(customerID: ann, course: "studio", message: nil, by: "t")
        let welcomesBefore = try await fixture.outboxTopics(ann).filter { $0 == "mail.welcome" }.count

        let one = try await fixture.desk.resendWelcome(customerID: ann, course: "watercolour", by: "support")
        #expect(one.count == 1)
        let every = try await fixture.desk.resendWelcome(customerID: ann, course: nil, by: "support")
        #expect(every.count == 1, "studio is revoked: only watercolour is active")
        let queued = try await fixture.store.deliveries(status: .pending, limit: 100).filter { ($0.id == one[0] || $0.id == every[0]) }
        #expect(queued.map(\.topic) == ["mail.welcome", "mail.welcome"])
        #expect(queued.allSatisfy { $0.course == "watercolour" && $0.customerID == ann })
        #expect(try await fixture.outboxTopics(ann).filter { $0 == "mail.welcome" }.count == welcomesBefore + 2)
    }

    @Test func theWelcomeMailOfACourseTheCustomerCannotOpenIsRefused() async throws {
        let (fixture, ann) = try await Self.withAnn()
        let error = await supportFailure { try await fixture.desk.resendWelcome(customerID: ann, course: "masterclass", by: "t") }
        #expect(error?.kind == .invalid)
        #expect(error?.field == "course")
        #expect(await supportFailure { try await fixture.desk.resendWelcome(customerID: 77, course: nil, by: "t") }?.kind == .notFound)
    }

    // MARK: Erasure

    @Test func erasingTellsTheSinksUnderTheOldEmailThenScrubsIt() async throws {
        let (fixture, ann) = try await Self.withAnn()
        try await fixture.desk.erase(customerID: ann, by: "support")

        let erased = try #require(try await fixture.store.deliveries(status: nil, limit: 100).first { $0.topic == "customer.erased" })
        #expect(erased.customerID == ann)
        #expect(erased.target == .sink("course-site"))
        #expect(erased.payload.customerEmail == Self.ann, "the course site learns who, by the email it knows")
        #expect(erased.payload.customerName == "Ann")

        let customer = try #require(try await fixture.store.customer(id: ann))
        #expect(customer.email != Self.ann)
        #expect(customer.name == nil)
        #expect(try await fixture.store.customer(email: Self.ann) == nil)
        let details = try await fixture.store.facts(customerID: ann).compactMap { stored -> (CustomerDetails, String?)? in
            if case .detailsChanged(let details) = stored.fact.event { (details, stored.fact.customer.email) } else { nil }
        }
        #expect(details.map(\.0.erased) == [true])
        #expect(details.allSatisfy { $0.1 != Self.ann }, "the erasure fact itself is scrubbed")
        #expect(try await fixture.statuses(ann) == ["studio": "active", "watercolour": "active"], "access is kept")
    }

    @Test func erasingTwiceTellsTheSinksOnce() async throws {
        let (fixture, ann) = try await Self.withAnn()
        try await fixture.desk.erase(customerID: ann, by: "support")
        try await fixture.desk.erase(customerID: ann, by: "support")
        #expect(try await fixture.outboxTopics(ann).filter { $0 == "customer.erased" }.count == 1)
    }

    @Test func erasingAnUnknownCustomerIsNotFound() async throws {
        let fixture = try await SupportChangeFixture()
        #expect(await supportFailure { try await fixture.desk.erase(customerID: 77, by: "t") }?.kind == .notFound)
    }
}
