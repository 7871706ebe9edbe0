import AccessKernel
import AccessStore
import Foundation
import Testing

/// Mapping edits applied to a real store: new purchases only, diff, backfill, resuming.
@Suite("Mapping changes")
struct MappingChangesTests {
    /// The fixture's mapping with product 12 opening `bonus` as well (a new bonus course for an old product).
    static let bonusForOldProduct: Mapping = {
        var mapping = StoreFixture.mapping
        mapping.routes[RouteKey(instance: "tc", kind: .product, productID: "12")]?.courses = ["web", "bonus"]
        return mapping
    }()

    /// The fixture's mapping without the SendOwl bundle (a bundle withdrawn).
    static let bundleWithdrawn: Mapping = {
        var mapping = StoreFixture.mapping
        mapping.routes[RouteKey(instance: "shop", kind: .bundle, productID: "880")] = nil
        return mapping
    }()

    /// Both edits at once: some customers gain a course, others lose two.
    static let bundleWithdrawnAndBonusAdded: Mapping = {
        var mapping = bundleWithdrawn
        mapping.routes[RouteKey(instance: "tc", kind: .product, productID: "12")]?.courses = ["web", "bonus"]
        return mapping
    }()

    static func seed(_ fixture: StoreFixture, customers: Int) async throws {
        for index in 0..<customers {
            let email = "c\(index)@example.com"
            _ = try await fixture.record(index % 3 == 0
                ? Facts.purchase("b\(index)", email: email, items: [ItemKey(.bundle, "880")], instance: "shop")
                : Facts.purchase("o\(index)", email: email))
        }
    }

    static func accessTable(_ store: SQLiteStore, emails: [String]) async throws -> [String: [String: String]] {
        var table: [String: [String: String]] = [:]
        for email in emails {
            guard let customer = try await store.customer(email: email) else { continue }
            table[email] = Dictionary(uniqueKeysWithValues: try await store.access(customerID: customer.id)
                .map { ($0.course, $0.state.status.name) })
        }
        return table
    }

    @Test("applied to new purchases only, earlier purchases keep their routes and later ones follow the new")
    func newPurchasesOnly() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.activate(fixture.version, mode: .start, actor: "test", now: Facts.day(1))
        _ = try await fixture.record(Facts.purchase("1", email: "old@example.com"), at: Facts.day(1.5))
        var next = try await fixture.store.register(Self.bonusForOldProduct, hash: "bonus", path: "bonus.yaml", text: "")
        _ = try await fixture.store.activate(next, mode: .newPurchasesOnly, actor: "test", now: Facts.day(2))
        next.earlier = [fixture.version.id: StoreFixture.mapping]
        next.timeline = try await fixture.store.routingTimeline()
        #expect(next.timeline.version(forRecordedAt: Facts.day(1.5)) == fixture.version.id)
        #expect(next.timeline.version(forRecordedAt: Facts.day(3)) == next.id)

        // The old customer's next fact recomputes them: their purchase stays on the old routes.
        _ = try await fixture.store.record([Facts.purchase("2", email: "old@example.com", items: [ItemKey(.product, "sub")])],
                                           under: next, now: Facts.day(3))
        _ = try await fixture.store.record([Facts.purchase("3", email: "new@example.com")], under: next, now: Facts.day(3))
        let table = try await Self.accessTable(fixture.store, emails: ["old@example.com", "new@example.com"])
        #expect(table["old@example.com"] == ["web": "active", "css": "active"])
        #expect(table["new@example.com"] == ["web": "active", "bonus": "active"])
        #expect(try await fixture.store.pinnedVersions().map(\.id) == [fixture.version.id])
        #expect(try await fixture.store.activeMapping()?.version == next.id)
    }

    @Test("the diff is exactly what the backfill then does, customer by customer")
    func diffEqualsBackfill() async throws {
        let fixture = try await StoreFixture()
        try await Self.seed(fixture, customers: 30)
        let next = try await fixture.store.register(Self.bundleWithdrawn, hash: "withdrawn", path: "w.yaml", text: "")
        let diff = try await fixture.store.diff(to: next, now: Facts.day(10))
        #expect(diff.customersChecked == 30)
        #expect(diff.courses["web"]?.lost == 10 && diff.courses["css"]?.lost == 10)
        #expect(diff.activeBefore == 40)
        #expect(diff.lostShare == 0.5)
        // The diff changed nothing.
        #expect(try await fixture.status("c0@example.com", "css") == .active(until: nil))

        let activation = try await fixture.store.activate(next, mode: .backfill, actor: "test", now: Facts.day(10))
        let backfill = try #require(activation.backfill)
        let done = try await fixture.store.runBackfill(backfill, under: next, batchSize: 7, now: Facts.day(10)) { _ in }
        #expect(done.finished && done.done == 30 && done.events == 20)
        for change in diff.customers {
            let events = try await fixture.store.accessEvents(customerID: change.customerID).filter { $0.mappingVersion == next.id }
            #expect(Set(events.filter { $0.kind == .revoked }.map(\.course)) == Set(change.lost), "\(change.email)")
            #expect(Set(events.filter { $0.kind == .granted || $0.kind == .restored }.map(\.course)) == Set(change.gained))
        }
        let after = try await fixture.store.diff(to: next, now: Facts.day(10))
        #expect(after.customers.isEmpty, "a second diff finds nothing left to change")
    }

    @Test("with gains and losses at once, every customer gets exactly the events the diff listed for them, and the others none")
    func diffEqualsBackfillForGainsAndLosses() async throws {
        let fixture = try await StoreFixture()
        try await Self.seed(fixture, customers: 30)
        let emails = (0..<30).map { "c\($0)@example.com" }
        let next = try await fixture.store.register(Self.bundleWithdrawnAndBonusAdded, hash: "both", path: "both.yaml", text: "")
        let diff = try await fixture.store.diff(to: next, now: Facts.day(10))
        #expect(diff.courses["bonus"]?.gained == 20 && diff.courses["web"]?.lost == 10 && diff.courses["css"]?.lost == 10)
        let predicted = Dictionary(uniqueKeysWithValues: diff.customers.map { ($0.email, (gained: Set($0.gained), lost: Set($0.lost))) })

        let activation = try await fixture.store.activate(next, mode: .backfill, actor: "test", now: Facts.day(10))
        _ = try await fixture.store.runBackfill(try #require(activation.backfill), under: next, batchSize: 4, now: Facts.day(10)) { _ in }
        for email in emails {
            let customer = try #require(try await fixture.store.customer(email: email))
            let events = try await fixture.store.accessEvents(customerID: customer.id).filter { $0.mappingVersion == next.id }
            let gained = Set(events.filter { $0.kind == .granted || $0.kind == .restored }.map(\.course))
            let lost = Set(events.filter { $0.kind == .revoked }.map(\.course))
            #expect(gained == predicted[email]?.gained ?? [], "\(email) gained")
            #expect(lost == predicted[email]?.lost ?? [], "\(email) lost")
        }
    }

    @Test("a backfill stopped half way and resumed ends as an uninterrupted one, doing nothing twice")
    func resumedBackfill() async throws {
        let interrupted = try await StoreFixture()
        let uninterrupted = try await StoreFixture()
        for fixture in [interrupted, uninterrupted] { try await Self.seed(fixture, customers: 40) }
        let emails = (0..<40).map { "c\($0)@example.com" }

        let straight = try await uninterrupted.store.register(Self.bonusForOldProduct, hash: "bonus", path: "b.yaml", text: "")
        let whole = try #require(try await uninterrupted.store.activate(straight, mode: .backfill, actor: "t", now: Facts.day(10)).backfill)
        let wholeResult = try await uninterrupted.store.runBackfill(whole, under: straight, batchSize: 5, now: Facts.day(10)) { _ in }

        let next = try await interrupted.store.register(Self.bonusForOldProduct, hash: "bonus", path: "b.yaml", text: "")
        let started = try #require(try await interrupted.store.activate(next, mode: .backfill, actor: "t", now: Facts.day(10)).backfill)
        let stopper = Task {
            try await interrupted.store.runBackfill(started, under: next, batchSize: 5, now: Facts.day(10)) { progress in
                if progress.done >= 15 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        await #expect(throws: CancellationError.self) { try await stopper.value }
        let halfway = try #require(try await interrupted.reopen().unfinishedBackfill())
        #expect(halfway.done == 15 && !halfway.finished)

        let reopened = try interrupted.reopen()
        let resumed = try await reopened.runBackfill(halfway, under: next, batchSize: 5, now: Facts.day(10)) { _ in }
        #expect(resumed.finished && resumed.done == 40)
        #expect(resumed.events == wholeResult.events)
        #expect(try await Self.accessTable(reopened, emails: emails) == Self.accessTable(uninterrupted.store, emails: emails))
        #expect(try await reopened.unfinishedBackfill() == nil)
    }
}
