import AccessKernel
import AccessStore
import Foundation
import Testing

@Suite("Customer directory")
struct DirectoryTests {
    /// A purchase of product 12 (course `web`) by someone with a name.
    static func buyer(_ order: String, _ email: String, _ name: String?, items: [ItemKey] = [ItemKey(.product, "12")],
                      day n: Double = 1) -> Fact {
        Fact(key: FactKey("tc:order:\(order)"), instance: "tc", occurredAt: Facts.day(n),
             customer: CustomerRef(email: email, name: name),
             event: .purchase(Purchase(orderID: order, items: items.map { OrderItem(key: $0, amount: 4900, currency: "EUR") })))
    }

    static func emails(_ found: [CustomerSummary]) -> [String] { found.map(\.email) }

    @Test("a part of an email or of a name finds the customer, ignoring case")
    func substring() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Self.buyer("1", "ann.lee@example.com", "Ann Lee"),
                                     Self.buyer("2", "bob@shop.test", "Robert Stone"))
        #expect(Self.emails(try await fixture.store.searchCustomers("lee@exa", limit: 10, after: nil)) == ["ann.lee@example.com"])
        #expect(Self.emails(try await fixture.store.searchCustomers("STON", limit: 10, after: nil)) == ["bob@shop.test"])
        #expect(Self.emails(try await fixture.store.searchCustomers("bert st", limit: 10, after: nil)) == ["bob@shop.test"])
        #expect(try await fixture.store.searchCustomers("nobody", limit: 10, after: nil).isEmpty)
        let found = try #require(try await fixture.store.searchCustomers("ann", limit: 10, after: nil).first)
        #expect(found.name == "Ann Lee" && found.activeCourses == ["web"])
    }

    @Test("accents and case are ignored both ways: zoe finds Zoë, MULLER finds Müller, müller finds Muller")
    func accents() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Self.buyer("1", "zm@example.com", "Zoë Müller"),
                                     Self.buyer("2", "hm@example.com", "Hans Muller"))
        #expect(Self.emails(try await fixture.store.searchCustomers("zoe", limit: 10, after: nil)) == ["zm@example.com"])
        #expect(Self.emails(try await fixture.store.searchCustomers("MULLER", limit: 10, after: nil)) == ["zm@example.com", "hm@example.com"])
        #expect(Self.emails(try await fixture.store.searchCustomers("Müller", limit: 10, after: nil)) == ["zm@example.com", "hm@example.com"])
        #expect(Self.emails(try await fixture.store.searchCustomers("ZOË MÜ", limit: 10, after: nil)) == ["zm@example.com"])
    }

    @Test("a former email still finds the customer after a change of email; so does the new one and the new name")
    func formerEmail() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Self.buyer("1", "old.address@example.com", "Ann"))
        _ = try await fixture.record(Fact(key: "admin:details-1", instance: .admin, occurredAt: Facts.day(2),
                                          customer: CustomerRef(email: "old.address@example.com"),
                                          event: .detailsChanged(CustomerDetails(name: "Annabel Frost", email: "new@elsewhere.test"))))
        for query in ["old.addr", "new@else", "frost"] {
            #expect(Self.emails(try await fixture.store.searchCustomers(query, limit: 10, after: nil)) == ["new@elsewhere.test"],
                    "query \(query)")
        }
    }

    @Test("pages after a customer id are disjoint, in id order, and together are the whole result")
    func paging() async throws {
        let fixture = try await StoreFixture()
        for n in 1...7 {
            _ = try await fixture.record(Self.buyer("\(n)", "student\(n)@school.test", "Student \(n)"))
        }
        _ = try await fixture.record(Self.buyer("x", "other@elsewhere.test", "Other"))
        var pages: [[CustomerSummary]] = []
        var after: Int64?
        repeat {
            let page = try await fixture.store.searchCustomers("school", limit: 3, after: after)
            pages.append(page)
            after = page.count == 3 ? page.last?.id : nil
        } while after != nil
        #expect(pages.map(\.count) == [3, 3, 1])
        let ids = pages.flatMap { $0.map(\.id) }
        #expect(ids == ids.sorted() && Set(ids).count == 7)
        #expect(Self.emails(pages.flatMap { $0 }) == (1...7).map { "student\($0)@school.test" })
        #expect(try await fixture.store.searchCustomers("", limit: 100, after: nil).count == 8)
    }

    @Test("short queries: two characters find the start of a word or email, one the start of an email")
    func shortQueries() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Self.buyer("1", "kim@example.com", "Zoë Park"),
                                     Self.buyer("2", "lee@example.com", "Ozan Kaya"),
                                     Self.buyer("3", "zed@example.com", nil))
        #expect(Self.emails(try await fixture.store.searchCustomers("zo", limit: 10, after: nil)) == ["kim@example.com"])
        #expect(Self.emails(try await fixture.store.searchCustomers("ka", limit: 10, after: nil)) == ["lee@example.com"])
        #expect(Self.emails(try await fixture.store.searchCustomers("Z", limit: 10, after: nil)) == ["zed@example.com"])
        #expect(Self.emails(try await fixture.store.searchCustomers("l", limit: 10, after: nil)) == ["lee@example.com"])
    }

    @Test("a course's members by status, paged by customer id; active counts leave revoked and expired out")
    func courseMembers() async throws {
        let fixture = try await StoreFixture()
        for n in 1...5 {
            _ = try await fixture.record(Self.buyer("\(n)", "m\(n)@example.com", "Member \(n)"))
        }
        _ = try await fixture.record(Fact(key: "tc:refund:2", instance: "tc", occurredAt: Facts.day(2),
                                          customer: CustomerRef(email: "m2@example.com"),
                                          event: .refund(Refund(orderID: "2", amount: 4900, currency: "EUR", isFull: true))))
        _ = try await fixture.record(Facts.admin("revoke-3", .revoke(course: "web", message: "Contact us"), email: "m3@example.com", day: 3))
        _ = try await fixture.record(Facts.admin("expiry-4", .setExpiry(course: "web", at: Facts.day(4)), email: "m4@example.com", day: 3),
                                     at: Facts.day(5))
        let revoked = try await fixture.store.courseMembers(course: "web", status: "revoked", limit: 10, after: nil)
        #expect(revoked.map(\.customer.email) == ["m2@example.com", "m3@example.com"])
        #expect(revoked.last?.state.status == .revoked(.manual(message: "Contact us")))
        #expect(try await fixture.store.courseMembers(course: "web", status: "expired", limit: 10, after: nil)
            .map(\.customer.email) == ["m4@example.com"])
        #expect(try await fixture.store.courseMembers(course: "web", status: "active", limit: 10, after: nil)
            .map(\.customer.email) == ["m1@example.com", "m5@example.com"])

        let first = try await fixture.store.courseMembers(course: "web", status: nil, limit: 3, after: nil)
        let second = try await fixture.store.courseMembers(course: "web", status: nil, limit: 3, after: first.last?.customer.id)
        #expect((first + second).map(\.customer.email) == (1...5).map { "m\($0)@example.com" })
        #expect(first.map(\.state.status.name) == ["active", "revoked", "revoked"])

        #expect(try await fixture.store.activeCounts() == ["web": 2])
    }

    @Test("erasing a customer leaves placeholders, hides them from search and scrubs their facts but keeps the money")
    func erase() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Self.buyer("1042", "zoe@example.com", "Zoë Quinn"))
        _ = try await fixture.record(Fact(key: "admin:details-1", instance: .admin, occurredAt: Facts.day(2),
                                          customer: CustomerRef(email: "zoe@example.com"),
                                          event: .detailsChanged(CustomerDetails(email: "zq@new.test"))))
        _ = try await fixture.record(Fact(key: "admin:revoke-1", instance: .admin, occurredAt: Facts.day(3),
                                          customer: CustomerRef(email: "zq@new.test"),
                                          event: .admin(AdminAction(actor: "support", action: .revoke(course: "web", message: "Ask zq@new.test"),
                                                                    note: "Zoë Quinn asked by phone"))))
        _ = try await fixture.record(Self.buyer("7", "keep@example.com", "Kept"))
        let customer = try #require(try await fixture.store.customer(email: "zq@new.test"))

        #expect(try await fixture.store.erase(customerID: customer.id, now: Facts.day(11)))
        #expect(try await fixture.store.erase(customerID: 999_999, now: Facts.day(11)) == false)

        let erased = try #require(try await fixture.store.customer(id: customer.id))
        #expect(erased.email == "erased-\(customer.id)@erased.invalid" && erased.name == nil && erased.aliases.isEmpty)
        #expect(erased.isErased)
        for email in ["zoe@example.com", "zq@new.test"] {
            #expect(try await fixture.store.customer(email: email) == nil)
        }
        for query in ["zoe@", "zq@new", "quinn", "erased", ""] {
            #expect(!(try await fixture.store.searchCustomers(query, limit: 10, after: nil).map(\.id).contains(customer.id)),
                    "query \(query)")
        }

        let facts = try await fixture.store.facts(customerID: customer.id)
        #expect(facts.count == 3)
        let bodies = try facts.map { String(decoding: try Fact.makeEncoder().encode($0.fact), as: UTF8.self).lowercased() }
        for personal in ["zoe@example.com", "zq@new.test", "zoë quinn", "quinn"] {
            #expect(!bodies.contains { $0.contains(personal) }, "\(personal) left in a fact")
        }
        guard case .purchase(let purchase) = facts[0].fact.event else {
            Issue.record("the purchase is no longer a purchase")
            return
        }
        #expect(purchase.orderID == "1042" && purchase.items.map(\.amount) == [4900] && purchase.items.map(\.currency) == ["EUR"])
        #expect(facts.map(\.fact.key) == ["tc:order:1042", "admin:details-1", "admin:revoke-1"])
        #expect(try await fixture.store.access(customerID: customer.id).map(\.state.status.name) == ["revoked"])
        #expect(try await fixture.store.activeCounts() == ["web": 1])
    }

    @Test("erasing scrubs delivered outbox messages and leaves pending ones their address, so they still reach the site")
    func eraseOutbox() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Self.buyer("1", "ola@example.com", "Ola Nordmann")], under: fixture.sending(sinks: ["site"]),
                                           now: Facts.day(10))
        let rows = try await fixture.outbox()
        #expect(rows.map(\.topic) == ["customer.created", "access.granted", "mail.welcome"])
        try await fixture.store.finishAttempt(rows[0].id, result: .delivered, now: Facts.day(10))
        let customer = try #require(try await fixture.store.customer(email: "ola@example.com"))
        #expect(try await fixture.store.erase(customerID: customer.id, now: Facts.day(11)))

        let after = try await fixture.outbox()
        #expect(after[0].status == .delivered && after[0].payload.customerEmail == "erased-\(customer.id)@erased.invalid")
        #expect(after[0].payload.customerName == nil)
        #expect(after[1...].allSatisfy { $0.status == .pending && $0.payload.customerEmail == "ola@example.com" })
    }

    @Test("fact bodies stay append-only for customers who are not erased, and keys and times for everyone")
    func appendOnlyAfterErase() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Self.buyer("1", "gone@example.com", "Gone"), Self.buyer("2", "here@example.com", "Here"))
        let gone = try #require(try await fixture.store.customer(email: "gone@example.com"))
        let here = try #require(try await fixture.store.customer(email: "here@example.com"))
        #expect(try await fixture.store.erase(customerID: gone.id, now: Facts.day(11)))

        #expect(throws: (any Error).self) {
            try fixture.store.executeForTesting("UPDATE facts SET body = '{}' WHERE customer_id = \(here.id)")
        }
        #expect(throws: (any Error).self) {
            try fixture.store.executeForTesting("UPDATE facts SET key = 'other' WHERE customer_id = \(gone.id)")
        }
        #expect(throws: (any Error).self) {
            try fixture.store.executeForTesting("UPDATE facts SET occurred_at = 0 WHERE customer_id = \(gone.id)")
        }
        #expect(throws: (any Error).self) { try fixture.store.executeForTesting("DELETE FROM facts WHERE customer_id = \(gone.id)") }
        try fixture.store.executeForTesting("UPDATE facts SET body = body WHERE customer_id = \(gone.id)")
    }

    @Test("customers stored before the search index existed are found once the store is opened again")
    func backfill() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Self.buyer("1", "early@example.com", "Émile Early"))
        // Rewind to the schema of v4: no index, the old trigger.
        try fixture.store.executeForTesting("""
            DROP TABLE customer_search;
            DROP TRIGGER facts_body_append_only;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v5:%';
            """)
        let reopened = try fixture.reopen()
        #expect(Self.emails(try await reopened.searchCustomers("emile", limit: 10, after: nil)) == ["early@example.com"])
    }
}
