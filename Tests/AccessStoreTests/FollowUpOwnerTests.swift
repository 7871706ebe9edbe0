import AccessKernel
import AccessStore
import Foundation
import Testing

/// A follow-up (refund, renewal, cancel) belongs to whoever owns its order, whatever email it carries.
@Suite("Follow-ups find the order's owner")
struct FollowUpOwnerTests {
    @Test("a refund carrying another email refunds the purchase it names, not a new customer")
    func refundWithChangedEmail() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1", email: "ann@example.com"))
        _ = try await fixture.record(Facts.refund("1", email: "ann.new@example.com"))
        #expect(try await fixture.status("ann@example.com", "web") == .revoked(.refunded))
        #expect(try await fixture.store.customer(email: "ann.new@example.com") == nil, "no second customer was made")
    }

    @Test("a late refund of an erased customer's order reaches them, not a new customer with the old email")
    func refundAfterErasure() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1", email: "ann@example.com"))
        let ann = try #require(try await fixture.store.customer(email: "ann@example.com"))
        #expect(try await fixture.store.erase(customerID: ann.id, now: Facts.day(3)))
        _ = try await fixture.record(Facts.refund("1", email: "ann@example.com", day: 4))
        #expect(try await fixture.store.customer(email: "ann@example.com") == nil)
        let access = try await fixture.store.access(customerID: ann.id)
        #expect(access.first { $0.course == "web" }?.state.status == .revoked(.refunded))
    }
}
