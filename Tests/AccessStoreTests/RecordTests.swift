import AccessKernel
import AccessStore
import Foundation
import Testing

@Suite("Recording facts")
struct RecordTests {
    @Test("the store runs in WAL mode with synchronous=FULL in force")
    func durableSettings() async throws {
        let fixture = try await StoreFixture()
        #expect(try fixture.store.journalMode() == "wal")
        #expect(try fixture.store.synchronousMode() == 2)
        #expect(try fixture.reopen().synchronousMode() == 2)
    }

    @Test("a purchase creates the customer, grants the mapped courses and writes one event per course")
    func purchaseGrants() async throws {
        let fixture = try await StoreFixture()
        let outcome = try await fixture.record(Facts.purchase("1", items: [ItemKey(.product, "12"), ItemKey(.bump, "12")]))
        let customer = try #require(try await fixture.store.customer(email: "ann@example.com"))
        #expect(outcome.results == [.recorded(customerID: customer.id)])
        #expect(outcome.newCustomers == [customer.id])
        #expect(outcome.events.map(\.kind) == [.granted, .granted])
        #expect(Set(outcome.events.map(\.course)) == ["web", "bonus"])
        #expect(outcome.events.allSatisfy { $0.mappingVersion == fixture.version.id })
        #expect(try await fixture.status("ann@example.com", "web") == .active(until: nil))
    }

    @Test("a duplicate delivery is a reported no-op")
    func duplicate() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1"))
        let again = try await fixture.record(Facts.purchase("1"), Facts.purchase("1"))
        #expect(again.results == [.duplicate, .duplicate])
        #expect(again.events.isEmpty && again.newCustomers.isEmpty)
        #expect(try await fixture.store.factCounts().total == 1)
        let customer = try #require(try await fixture.store.customer(email: "ann@example.com"))
        #expect(try await fixture.store.accessEvents(customerID: customer.id).count == 1)
    }

    @Test("emails differing in case and spaces are one customer; a second purchase adds to them")
    func normalisedEmail() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1", email: "  Ann@Example.COM "))
        let second = try await fixture.record(Facts.purchase("2", email: "ann@example.com", items: [ItemKey(.bundle, "880")],
                                                             instance: "shop"))
        #expect(second.newCustomers.isEmpty)
        let customer = try #require(try await fixture.store.customer(email: "ANN@example.com"))
        #expect(customer.email == "ann@example.com")
        #expect(try await fixture.store.access(customerID: customer.id).map(\.course) == ["css", "web"])
    }

    @Test("refunding one source keeps the course another source grants")
    func independentSources() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1"))
        _ = try await fixture.record(Facts.purchase("2", items: [ItemKey(.bundle, "880")], instance: "shop"))
        let refund = try await fixture.record(Facts.refund("1"))
        #expect(refund.events.isEmpty)
        #expect(try await fixture.status("ann@example.com", "web").name == "active")
        let bundleRefund = try await fixture.record(Facts.refund("2", instance: "shop"))
        #expect(bundleRefund.events.map(\.kind) == [.revoked, .revoked])
        #expect(try await fixture.status("ann@example.com", "web") == .revoked(.refunded))
    }

    @Test("a fact without email that arrives before its purchase waits, then ends in the in-order state")
    func pendingAdoption() async throws {
        let early = try await StoreFixture()
        let waiting = try await early.record(Facts.cancel("S1", day: 3, periodEnd: 5))
        #expect(waiting.results == [.pending])
        #expect(try await early.store.factCounts().pending == 1)
        _ = try await early.record(Facts.purchase("1", items: [ItemKey(.product, "sub")], subscription: "S1"))
        #expect(try await early.store.factCounts().pending == 0)

        let inOrder = try await StoreFixture()
        _ = try await inOrder.record(Facts.purchase("1", items: [ItemKey(.product, "sub")], subscription: "S1"))
        let cancelled = try await inOrder.record(Facts.cancel("S1", day: 3, periodEnd: 5))
        #expect(cancelled.results.first.map { if case .recorded = $0 { true } else { false } } == true)

        let expected = AccessStatus.expired(at: Facts.day(5))  // recorded at day 10, after the period end
        #expect(try await early.status("ann@example.com", "css") == expected)
        #expect(try await inOrder.status("ann@example.com", "css") == expected)
    }

    @Test("the sweeper expires access at its end and writes an expired event")
    func sweeperExpires() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1", items: [ItemKey(.product, "sub")], subscription: "S1"), at: Facts.day(1))
        _ = try await fixture.record(Facts.cancel("S1", day: 3, periodEnd: 5), at: Facts.day(3))
        #expect(try await fixture.store.sweep(under: fixture.version, now: Facts.day(4)).isEmpty)
        let events = try await fixture.store.sweep(under: fixture.version, now: Facts.day(6))
        #expect(events.map(\.kind) == [.expired])
        #expect(try await fixture.status("ann@example.com", "css") == .expired(at: Facts.day(5)))
    }

    @Test("revoke, restore and expiry changes are access events with their causes")
    func adminEvents() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1"))
        let revoke = try await fixture.record(Facts.admin("r", .revoke(course: "web", message: "Write to us"), day: 3))
        #expect(revoke.events.map(\.kind) == [.revoked])
        #expect(revoke.events.first?.state.causes.map(\.role) == [.revoke])
        let restore = try await fixture.record(Facts.admin("s", .restore(course: "web"), day: 4))
        #expect(restore.events.map(\.kind) == [.restored])
        let expiry = try await fixture.record(Facts.admin("e", .setExpiry(course: "web", at: Facts.day(30)), day: 5))
        #expect(expiry.events.map(\.kind) == [.expiryChanged])
        #expect(try await fixture.status("ann@example.com", "web") == .active(until: Facts.day(30)))
    }

    @Test("a former email still finds the customer and matches later facts")
    func aliases() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1"))
        let change = Fact(key: "admin:email", instance: .admin, occurredAt: Facts.day(2),
                          customer: CustomerRef(email: "ann@example.com"),
                          event: .detailsChanged(CustomerDetails(name: "Ann B", email: "ann@new.example")))
        _ = try await fixture.record(change)
        let customer = try #require(try await fixture.store.customer(email: "ann@example.com"))
        #expect(customer.email == "ann@new.example" && customer.aliases == ["ann@example.com"] && customer.name == "Ann B")
        let later = try await fixture.record(Facts.purchase("2", email: "ann@example.com", items: [ItemKey(.bump, "12")]))
        #expect(later.results == [.recorded(customerID: customer.id)] && later.newCustomers.isEmpty)
    }

    @Test("facts are append-only and survive reopening the file")
    func appendOnly() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1"))
        #expect(throws: (any Error).self) { try fixture.store.executeForTesting("UPDATE facts SET body = '{}'") }
        #expect(throws: (any Error).self) { try fixture.store.executeForTesting("DELETE FROM facts") }
        let reopened = try fixture.reopen()
        #expect(try await reopened.factKeys() == ["tc:order:1"])
    }
}
