import AccessKernel
import AccessStore
import Foundation
import Gateway
import Testing

/// The support desk's find and profile operations over a real SQLite file, recording through
/// the CLI's recorder.
@Suite("Support desk: find and profile")
struct SupportFindTests {
    static let mapping = Mapping(
        courses: [Course(id: "web-basics", title: "Web Basics", revokedMessage: "Ask support"),
                  Course(id: "community", title: "Community"),
                  Course(id: "css", title: "CSS")],
        instances: [ProviderInstance(id: "tc-main", kind: "thrivecart")],
        routes: [Route(key: RouteKey(instance: "tc-main", kind: .product, productID: "42"), courses: ["web-basics"]),
                 Route(key: RouteKey(instance: "tc-main", kind: .product, productID: "club"), courses: ["community"])])

    struct Desk {
        let desk: SupportDesk
        let store: SQLiteStore

        init() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coursegate-find-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStore(path: directory.appendingPathComponent("store.sqlite").path)
            let version = try await store.register(SupportFindTests.mapping, hash: "find", path: "find.yaml", text: "")
            desk = SupportDesk(store: store, mapping: version, recorder: StoreRecorder(store: store, mapping: version))
        }

        func record(_ fact: Fact) async throws { _ = try await desk.recorder.record([fact]) }
    }

    /// Days from now (negative: in the past).
    static func day(_ n: Double) -> Date { Date(timeIntervalSinceNow: n * 86_400) }

    static func fact(_ key: String, day n: Double, instance: InstanceID = "tc-main", email: String = "zoe@example.com",
                     _ event: Event) -> Fact {
        Fact(key: FactKey(key), instance: instance, occurredAt: day(n), customer: CustomerRef(email: email, name: "Zoë Adams"),
             event: event)
    }

    /// A purchase of course 42 and the `club` subscription, its renewal, a partial refund and
    /// an admin revoke of web-basics, each recorded on its own.
    static func history(in desk: Desk) async throws {
        try await desk.record(fact("tc-main:order:1042", day: -60, .purchase(Purchase(orderID: "1042", items: [
            OrderItem(key: ItemKey(.product, "42"), amount: 4900, currency: "EUR"),
            OrderItem(key: ItemKey(.product, "club"), amount: 1500, currency: "EUR", subscriptionID: "sub_1"),
        ]))))
        try await desk.record(fact("tc-main:sub:sub_1:started", day: -60, .subscription(SubscriptionChange(
            subscriptionID: "sub_1", orderID: "1042", productID: "club", change: .started(periodEnd: day(-30))))))
        try await desk.record(fact("tc-main:sub:sub_1:renewed:2", day: -30, .subscription(SubscriptionChange(
            subscriptionID: "sub_1", orderID: "1042", productID: "club", paymentIDs: ["inv_2"], change: .renewed(periodEnd: day(30))))))
        try await desk.record(fact("tc-main:refund:1042:1", day: -20, .refund(Refund(orderID: "1042", amount: 500, currency: "EUR",
                                                                                     isFull: false))))
        try await desk.record(fact("admin:revoke-1", day: -10, instance: .admin, .admin(AdminAction(
            actor: "support-key", action: .revoke(course: "web-basics", message: "Refunded in part; write to us")))))
    }

    @Test("a profile shows access with its sources, payments newest first, subscriptions and an ordered timeline")
    func profile() async throws {
        let desk = try await Desk()
        try await Self.history(in: desk)
        let id = try await desk.desk.customerID(email: "ZOE@example.com")
        let profile = try await desk.desk.profile(customerID: id)

        #expect(profile.email == "zoe@example.com" && profile.name == "Zoë Adams" && !profile.erased)
        #expect(profile.access.map(\.course) == ["community", "web-basics"])
        let web = try #require(profile.access.first { $0.course == "web-basics" })
        #expect(web.status == "revoked" && web.title == "Web Basics")
        #expect(web.message == "Refunded in part; write to us")
        #expect(web.sources.map(\.role) == ["revoke"])
        #expect(web.sources.first?.actor == "support-key" && web.sources.first?.instance == "admin")
        let community = try #require(profile.access.first { $0.course == "community" })
        #expect(community.status == "active" && community.message == nil)
        #expect(community.sources.contains { $0.role == "purchase" && $0.orderID == "1042" && $0.instance == "tc-main" })

        #expect(profile.purchases.map(\.orderID) == ["1042"])
        #expect(profile.purchases.first?.items.map(\.productID) == ["42", "club"])
        #expect(profile.payments.map(\.kind) == ["refund", "renewal", "payment"])
        #expect(profile.payments.map(\.amountCents) == [-500, 1500, 6400])
        #expect(profile.payments.allSatisfy { $0.currency == "EUR" && $0.orderID == "1042" })

        #expect(profile.subscriptions.count == 1)
        let subscription = try #require(profile.subscriptions.first)
        #expect(subscription.subscriptionID == "sub_1" && subscription.status == "active" && subscription.orderID == "1042")
        #expect(subscription.productID == "club")
        #expect(abs((subscription.periodEnd ?? .distantPast).timeIntervalSince(Self.day(30))) < 5)

        let timeline = profile.timeline
        #expect(timeline.map(\.at) == timeline.map(\.at).sorted())
        #expect(timeline.filter { $0.type == "fact" }.map(\.kind)
            == ["purchase", "subscription.started", "subscription.renewed", "refund", "admin.revoke"])
        #expect(timeline.first?.summary.hasPrefix("purchase of order 1042 on tc-main") == true)
        let revoke = try #require(timeline.first { $0.kind == "admin.revoke" })
        #expect(revoke.summary == "admin revoke of web-basics by support-key: Refunded in part; write to us")
        #expect(revoke.actor == "support-key" && revoke.course == "web-basics")
        let access = timeline.filter { $0.type == "access" }
        #expect(access.map { "\($0.course ?? "") \($0.kind)" } == ["community granted", "web-basics granted", "web-basics revoked"])
        #expect(access.allSatisfy { $0.mappingVersion == desk.desk.mapping.id })
        #expect(access.last?.factKey == "admin:revoke-1" && access.last?.actor == "support-key")
        #expect(access.first?.summary.hasPrefix("community granted, after the purchase of order 1042 on tc-main") == true)
    }

    @Test("a revoke without a message shows the course's message")
    func courseMessage() async throws {
        let desk = try await Desk()
        try await desk.record(Self.fact("tc-main:order:1", day: -3, .purchase(Purchase(orderID: "1", items: [
            OrderItem(key: ItemKey(.product, "42"), amount: 4900, currency: "EUR")]))))
        try await desk.record(Self.fact("admin:revoke-2", day: -1, instance: .admin, .admin(AdminAction(
            actor: "cli", action: .revoke(course: "web-basics", message: nil)))))
        let profile = try await desk.desk.profile(customerID: try await desk.desk.customerID(email: "zoe@example.com"))
        #expect(profile.access.first?.message == "Ask support")
    }

    @Test("an erased customer's profile says so and keeps the payments")
    func erasedProfile() async throws {
        let desk = try await Desk()
        try await Self.history(in: desk)
        let id = try await desk.desk.customerID(email: "zoe@example.com")
        #expect(try await desk.store.erase(customerID: id, now: Date()))
        let profile = try await desk.desk.profile(customerID: id)
        #expect(profile.erased && profile.name == nil && profile.email.hasSuffix("@erased.invalid"))
        #expect(profile.payments.map(\.amountCents) == [-500, 1500, 6400])
        await #expect(throws: SupportError.self) { try await desk.desk.customerID(email: "zoe@example.com") }
    }

    @Test("search pages through the desk with an opaque cursor; a cursor it did not give is invalid")
    func searchPages() async throws {
        let desk = try await Desk()
        for n in 1...5 {
            try await desk.record(Self.fact("tc-main:order:\(n)", day: -1, email: "pupil\(n)@school.test", .purchase(Purchase(
                orderID: "\(n)", items: [OrderItem(key: ItemKey(.product, "42"), amount: 100, currency: "EUR")]))))
        }
        let first = try await desk.desk.search("school", limit: 2)
        let second = try await desk.desk.search("school", limit: 2, cursor: first.next)
        let third = try await desk.desk.search("school", limit: 2, cursor: second.next)
        #expect((first.items + second.items + third.items).map(\.email) == (1...5).map { "pupil\($0)@school.test" })
        #expect(third.next == nil)
        #expect(first.items.first?.activeCourses == ["web-basics"])
        do {
            _ = try await desk.desk.search("school", cursor: "yesterday")
            Issue.record("a foreign cursor was accepted")
        } catch let error as SupportError {
            #expect(error.kind == .invalid && error.field == "cursor")
        }
    }

    @Test("course customers: an unknown course is not found, a bad status is invalid with its field; counts cover every course")
    func courseCustomers() async throws {
        let desk = try await Desk()
        try await Self.history(in: desk)
        #expect(try await desk.desk.courseCustomers("web-basics", status: "revoked").items.map(\.customer.email) == ["zoe@example.com"])
        #expect(try await desk.desk.courseCustomers("web-basics", status: "active").items.isEmpty)
        #expect(try await desk.desk.activeCounts() == ["web-basics": 0, "community": 1, "css": 0])
        do {
            _ = try await desk.desk.courseCustomers("web-basics", status: "gone")
            Issue.record("a bad status was accepted")
        } catch let error as SupportError {
            #expect(error.kind == .invalid && error.field == "status")
        }
        do {
            _ = try await desk.desk.courseCustomers("no-such-course", status: nil)
            Issue.record("an unknown course was accepted")
        } catch let error as SupportError {
            #expect(error.kind == .notFound)
        }
    }

    @Test("an unknown customer id or email is not found")
    func unknownCustomer() async throws {
        let desk = try await Desk()
        do {
            _ = try await desk.desk.profile(customerID: 424_242)
            Issue.record("a profile of nobody")
        } catch let error as SupportError {
            #expect(error.kind == .notFound)
        }
        do {
            _ = try await desk.desk.customerID(email: "nobody@example.com")
            Issue.record("an id for nobody")
        } catch let error as SupportError {
            #expect(error.kind == .notFound)
        }
    }
}
