import AccessKernel
import AccessStore
import Foundation
import Testing

@Suite("Outbox")
struct OutboxTests {
    @Test("a purchase by a new customer writes customer.created and access.granted per sink and a welcome mail per course")
    func purchaseWritesRows() async throws {
        let fixture = try await StoreFixture()
        let outcome = try await fixture.store.record([Facts.purchase("1", items: [ItemKey(.product, "12"), ItemKey(.bump, "12")])],
                                                     under: fixture.sending(), now: Facts.day(10))
        let customer = try #require(outcome.newCustomers.first)
        let rows = try await fixture.outbox()
        #expect(rows.count == 8)

        let created = rows.filter { $0.topic == "customer.created" }
        #expect(created.map(\.target) == [.sink("site"), .sink("crm")])
        // New customers come first, so a receiver creates the user before giving a course.
        #expect(rows.prefix(2).allSatisfy { $0.topic == "customer.created" })
        for row in created {
            #expect(row.customerID == customer && row.course == nil)
            #expect(row.payload == OutboxPayload(at: Facts.day(10), customerEmail: "ann@example.com", customerName: "Ann"))
        }

        let granted = rows.filter { $0.topic == "access.granted" }
        #expect(granted.count == 4)
        #expect(Set(granted.map { "\($0.target) \($0.course ?? "-")" })
                == ["sink:site web", "sink:site bonus", "sink:crm web", "sink:crm bonus"])
        for row in granted {
            #expect(row.customerID == customer)
            #expect(row.payload.customerEmail == "ann@example.com" && row.payload.customerName == "Ann")
            #expect(row.payload.course == row.course)
            #expect(row.payload.orderReference == "1")
            #expect(row.payload.status == "active")
            #expect(row.payload.expiresAt == nil)
        }

        let mail = rows.filter { $0.topic == "mail.welcome" }
        #expect(mail.allSatisfy { $0.target == .mail && $0.customerID == customer })
        #expect(mail.compactMap(\.course).sorted() == ["bonus", "web"])
        #expect(mail.allSatisfy { $0.payload.course == $0.course && $0.payload.orderReference == "1" })

        #expect(rows.allSatisfy { $0.status == .pending && $0.attempts == 0 && $0.lastError == nil && $0.deliveredAt == nil })
        #expect(rows.allSatisfy { $0.createdAt == Facts.day(10) && $0.nextAttemptAt == Facts.day(10) })
    }

    @Test("recording the same facts again writes nothing more")
    func duplicateWritesNothing() async throws {
        let fixture = try await StoreFixture()
        let purchase = Facts.purchase("1")
        _ = try await fixture.store.record([purchase], under: fixture.sending(), now: Facts.day(10))
        let before = try await fixture.outbox()
        #expect(before.count == 5)  // customer.created ×2, access.granted ×2, mail.welcome
        let again = try await fixture.store.record([purchase, purchase], under: fixture.sending(), now: Facts.day(11))
        #expect(again.results == [.duplicate, .duplicate])
        #expect(try await fixture.outbox() == before)
    }

    @Test("a second purchase by a known customer is granted to the sinks with no welcome mail and no customer.created")
    func knownCustomerPurchase() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(), now: Facts.day(10))
        let first = try await fixture.outbox()
        let second = try await fixture.store.record([Facts.purchase("2", items: [ItemKey(.product, "sub")])],
                                                    under: fixture.sending(), now: Facts.day(11))
        #expect(second.newCustomers.isEmpty)
        let added = try await fixture.outbox().dropFirst(first.count)
        #expect(added.map(\.topic) == ["access.granted", "access.granted"])
        #expect(added.map(\.target) == [.sink("site"), .sink("crm")])
        #expect(added.allSatisfy { $0.course == "css" && $0.payload.orderReference == "2" && $0.payload.status == "active" })
    }

    @Test("with no sinks and no welcome mail nothing is written")
    func emptyTargetsWriteNothing() async throws {
        let fixture = try await StoreFixture()
        #expect(fixture.version.outbox.isEmpty)
        let outcome = try await fixture.record(Facts.purchase("1", items: [ItemKey(.product, "12"), ItemKey(.bump, "12")]))
        #expect(outcome.events.count == 2 && outcome.newCustomers.count == 1)
        #expect(try await fixture.outbox().isEmpty)
        _ = try await fixture.store.record([Facts.purchase("2", email: "bo@example.com")],
                                           under: fixture.sending(sinks: [], welcomeMail: false), now: Facts.day(10))
        #expect(try await fixture.outbox().isEmpty)
    }

    @Test("welcome mail alone, without sinks, writes only the mail rows")
    func welcomeWithoutSinks() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(sinks: [], welcomeMail: true),
                                           now: Facts.day(10))
        let rows = try await fixture.outbox()
        #expect(rows.map(\.topic) == ["mail.welcome"])
        #expect(rows.first?.course == "web")
    }

    @Test("a refund that revokes writes access.revoked to every sink")
    func refundRevokes() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(), now: Facts.day(10))
        let before = try await fixture.outbox().count
        let refund = try await fixture.store.record([Facts.refund("1")], under: fixture.sending(), now: Facts.day(11))
        #expect(refund.events.map(\.kind) == [.revoked])
        let added = try await fixture.outbox().dropFirst(before)
        #expect(added.map(\.topic) == ["access.revoked", "access.revoked"])
        #expect(added.map(\.target) == [.sink("site"), .sink("crm")])
        #expect(added.allSatisfy {
            $0.course == "web" && $0.payload.status == "revoked" && $0.payload.orderReference == "1"
                && $0.payload.customerEmail == "ann@example.com"
        })
    }

    @Test("an expiry found by the sweeper writes access.expired; the expiry change before it writes nothing")
    func sweepExpires() async throws {
        let fixture = try await StoreFixture()
        let version = fixture.sending()
        _ = try await fixture.store.record([Facts.purchase("1", items: [ItemKey(.product, "sub")], subscription: "S1")],
                                           under: version, now: Facts.day(1))
        let afterPurchase = try await fixture.outbox().count
        let cancel = try await fixture.store.record([Facts.cancel("S1", day: 3, periodEnd: 5)], under: version, now: Facts.day(3))
        #expect(cancel.events.map(\.kind) == [.expiryChanged])
        #expect(try await fixture.outbox().count == afterPurchase)

        #expect(try await fixture.store.sweep(under: version, now: Facts.day(4)).isEmpty)
        #expect(try await fixture.outbox().count == afterPurchase)
        let swept = try await fixture.store.sweep(under: version, now: Facts.day(6))
        #expect(swept.map(\.kind) == [.expired])
        let added = try await fixture.outbox().dropFirst(afterPurchase)
        #expect(added.map(\.topic) == ["access.expired", "access.expired"])
        #expect(added.map(\.target) == [.sink("site"), .sink("crm")])
        #expect(added.allSatisfy {
            $0.course == "css" && $0.payload.status == "expired" && $0.payload.expiresAt == Facts.day(5)
                && $0.payload.customerEmail == "ann@example.com" && $0.nextAttemptAt == Facts.day(6)
        })
    }

    @Test("message ids are unique, and stay the same when an attempt is retried")
    func messageIDs() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Facts.purchase("1", items: [ItemKey(.product, "12"), ItemKey(.bump, "12")])],
                                           under: fixture.sending(), now: Facts.day(10))
        _ = try await fixture.store.record([Facts.purchase("2", email: "bo@example.com")], under: fixture.sending(), now: Facts.day(10))
        let rows = try await fixture.outbox()
        #expect(Set(rows.map(\.messageID)).count == rows.count)
        #expect(rows.allSatisfy { $0.messageID.hasPrefix("msg_") && $0.messageID.count > 20 })

        let row = try #require(rows.first)
        try await fixture.store.finishAttempt(row.id, result: .retry(error: "HTTP 503", nextAttemptAt: Facts.day(11)),
                                              now: Facts.day(10))
        let retried = try #require(try await fixture.store.delivery(id: row.id))
        #expect(retried.messageID == row.messageID)
    }

    @Test("a retried attempt is counted, waits for its next time, and in-flight ids are left out")
    func retryAndDue() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(), now: Facts.day(10))
        let rows = try await fixture.outbox()
        let first = try #require(rows.first)
        let later = Facts.day(10).addingTimeInterval(300)
        try await fixture.store.finishAttempt(first.id, result: .retry(error: "HTTP 503", nextAttemptAt: later),
                                              now: Facts.day(10))
        let retried = try #require(try await fixture.store.delivery(id: first.id))
        #expect(retried.status == .pending && retried.attempts == 1)
        #expect(retried.nextAttemptAt == later && retried.lastError == "HTTP 503")

        let dueNow = try await fixture.store.dueDeliveries(now: Facts.day(10), limit: 100, excluding: [])
        #expect(dueNow.map(\.id) == rows.dropFirst().map(\.id))
        let dueLater = try await fixture.store.dueDeliveries(now: later, limit: 100, excluding: [])
        #expect(dueLater.map(\.id) == rows.dropFirst().map(\.id) + [first.id])  // ordered by next attempt, then id
        #expect(try await fixture.store.nextDeliveryTime() == Facts.day(10))

        let second = rows[1].id
        let notInFlight = try await fixture.store.dueDeliveries(now: later, limit: 1, excluding: [second])
        #expect(notInFlight.map(\.id) == [rows[2].id])
        let none = try await fixture.store.dueDeliveries(now: later, limit: 100, excluding: Set(rows.map(\.id)))
        #expect(none.isEmpty)
    }

    @Test("dead deliveries go back to pending with no attempts, all at once or for one target")
    func retryDead() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(), now: Facts.day(10))
        let rows = try await fixture.outbox()
        for row in rows {
            try await fixture.store.finishAttempt(row.id, result: .dead(error: "HTTP 400"), now: Facts.day(10))
        }
        let dead = try await fixture.store.deliveries(status: .dead, limit: 100)
        #expect(dead.count == rows.count && dead.allSatisfy { $0.attempts == 1 && $0.lastError == "HTTP 400" })
        #expect(try await fixture.store.dueDeliveries(now: Facts.day(20), limit: 100, excluding: []).isEmpty)
        #expect(try await fixture.store.nextDeliveryTime() == nil)

        let site = try await fixture.store.retryDead(target: .sink("site"), now: Facts.day(12))
        #expect(site == 2)  // customer.created and access.granted
        let pending = try await fixture.store.deliveries(status: .pending, limit: 100)
        #expect(pending.allSatisfy { $0.target == .sink("site") && $0.attempts == 0 && $0.nextAttemptAt == Facts.day(12) })
        #expect(pending.count == 2)

        #expect(try await fixture.store.retryDead(target: .mail, now: Facts.day(12)) == 1)
        #expect(try await fixture.store.retryDead(target: nil, now: Facts.day(13)) == 2)  // crm's two
        #expect(try await fixture.store.retryDead(target: nil, now: Facts.day(13)) == 0)
        let all = try await fixture.outbox()
        #expect(all.allSatisfy { $0.status == .pending && $0.attempts == 0 })
        #expect(all.filter { $0.target == .sink("crm") }.allSatisfy { $0.nextAttemptAt == Facts.day(13) })
    }

    @Test("redelivering a delivered message makes it pending again under the same message id")
    func redeliver() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(), now: Facts.day(10))
        let row = try #require(try await fixture.outbox().first)
        try await fixture.store.finishAttempt(row.id, result: .delivered, now: Facts.day(10))
        let delivered = try #require(try await fixture.store.delivery(id: row.id))
        #expect(delivered.status == .delivered && delivered.deliveredAt == Facts.day(10) && delivered.attempts == 1)
        // A late failure report for a delivered message changes nothing.
        try await fixture.store.finishAttempt(row.id, result: .dead(error: "late"), now: Facts.day(10))
        #expect(try await fixture.store.delivery(id: row.id)?.status == .delivered)

        let again = try #require(try await fixture.store.redeliver(id: row.id, now: Facts.day(15)))
        #expect(again.id == row.id && again.messageID == row.messageID)
        #expect(again.status == .pending && again.attempts == 0 && again.deliveredAt == nil)
        #expect(again.nextAttemptAt == Facts.day(15))
        #expect(try await fixture.store.dueDeliveries(now: Facts.day(15), limit: 100, excluding: []).contains { $0.id == row.id })
        #expect(try await fixture.store.redeliver(id: 999_999, now: Facts.day(15)) == nil)
    }

    @Test("a disabled sink's deliveries are held until it is enabled again")
    func disabledSink() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(), now: Facts.day(10))
        let rows = try await fixture.outbox()
        // Everything but crm's rows waits until day 12, so crm's are the earliest.
        for row in rows where row.target != .sink("crm") {
            try await fixture.store.finishAttempt(row.id, result: .retry(error: "HTTP 503", nextAttemptAt: Facts.day(12)),
                                                  now: Facts.day(10))
        }
        #expect(try await fixture.store.nextDeliveryTime() == Facts.day(10))

        try await fixture.store.disableSink("crm", reason: "410 Gone", now: Facts.day(10))
        #expect(try await fixture.store.disabledSinks() == ["crm": "410 Gone"])
        #expect(try await fixture.store.nextDeliveryTime() == Facts.day(12))
        let held = try await fixture.store.dueDeliveries(now: Facts.day(20), limit: 100, excluding: [])
        #expect(!held.isEmpty && !held.contains { $0.target == .sink("crm") })
        #expect(held.contains { $0.target == .sink("site") } && held.contains { $0.target == .mail })

        #expect(try await fixture.store.enableSink("crm"))
        #expect(try await fixture.store.enableSink("crm") == false)
        #expect(try await fixture.store.disabledSinks().isEmpty)
        #expect(try await fixture.store.nextDeliveryTime() == Facts.day(10))
        let released = try await fixture.store.dueDeliveries(now: Facts.day(20), limit: 100, excluding: [])
        #expect(released.filter { $0.target == .sink("crm") }.count == 2)
    }

    @Test("queueWelcome adds a pending welcome mail for the customer and course")
    func queueWelcome() async throws {
        let fixture = try await StoreFixture()
        let outcome = try await fixture.record(Facts.purchase("1"))  // no targets: nothing queued yet
        let customer = try #require(outcome.newCustomers.first)
        #expect(try await fixture.outbox().isEmpty)
        let id = try await fixture.store.queueWelcome(customerID: customer, course: "web", now: Facts.day(12))
        let mail = try #require(try await fixture.store.delivery(id: id))
        #expect(mail.topic == "mail.welcome" && mail.target == .mail && mail.status == .pending)
        #expect(mail.customerID == customer && mail.course == "web" && mail.nextAttemptAt == Facts.day(12))
        #expect(mail.payload.customerEmail == "ann@example.com" && mail.payload.customerName == "Ann" && mail.payload.course == "web")
        let second = try await fixture.store.queueWelcome(customerID: customer, course: "web", now: Facts.day(12))
        #expect(second != id)
        #expect(try await fixture.store.delivery(id: second)?.messageID != mail.messageID)
        await #expect(throws: (any Error).self) {
            _ = try await fixture.store.queueWelcome(customerID: customer + 1_000, course: "web", now: Facts.day(12))
        }
    }

    @Test("storedKeys names only the keys already recorded")
    func storedKeys() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.record(Facts.purchase("1"), Facts.refund("1"))
        let keys: [FactKey] = ["tc:order:1", "tc:order:2", "tc:refund:1:all", "shop:order:1"]
        #expect(try await fixture.store.storedKeys(among: keys) == ["tc:order:1", "tc:refund:1:all"])
        #expect(try await fixture.store.storedKeys(among: []).isEmpty)
    }

    @Test("when the record transaction fails, none of its outbox rows are kept")
    func atomicWithRecord() async throws {
        let fixture = try await StoreFixture()
        // A fault injected into the database: the welcome mail row, written after the
        // customer.created and access.granted rows of the same transaction, is refused.
        try fixture.store.executeForTesting("""
            CREATE TRIGGER refuse_welcome BEFORE INSERT ON outbox WHEN NEW.topic = 'mail.welcome'
            BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
            """)
        await #expect(throws: (any Error).self) {
            _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(), now: Facts.day(10))
        }
        #expect(try await fixture.outbox().isEmpty)
        #expect(try await fixture.store.factCounts().total == 0)
        #expect(try await fixture.store.customer(email: "ann@example.com") == nil)

        try fixture.store.executeForTesting("DROP TRIGGER refuse_welcome")
        _ = try await fixture.store.record([Facts.purchase("1")], under: fixture.sending(), now: Facts.day(10))
        #expect(try await fixture.outbox().map(\.topic)
                == ["customer.created", "customer.created", "access.granted", "access.granted", "mail.welcome"])
    }
}

extension StoreFixture {
    /// The fixture's mapping version with outbox targets: by default two sinks and welcome mail.
    func sending(sinks: [String] = ["site", "crm"], welcomeMail: Bool = true) -> MappingVersion {
        MappingVersion(id: version.id, hash: version.hash, mapping: version.mapping,
                       outbox: OutboxTargets(sinks: sinks, welcomeMail: welcomeMail))
    }

    /// Every outbox row, oldest first.
    func outbox() async throws -> [OutboxDelivery] {
        try await store.deliveries(status: nil, limit: 10_000).reversed()
    }
}
