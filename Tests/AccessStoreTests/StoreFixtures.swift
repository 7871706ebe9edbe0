import AccessKernel
import AccessStore
import Foundation

/// A temporary store on a real SQLite file, and facts to record in it.
struct StoreFixture {
    let directory: URL
    let path: String
    let store: SQLiteStore
    let version: MappingVersion

    static let mapping = Mapping(
        courses: [Course(id: "web", title: "Web"), Course(id: "css", title: "CSS"), Course(id: "bonus", title: "Bonus")],
        instances: [ProviderInstance(id: "tc", kind: "thrivecart"), ProviderInstance(id: "shop", kind: "sendowl")],
        routes: [
            Route(key: RouteKey(instance: "tc", kind: .product, productID: "12"), courses: ["web"]),
            Route(key: RouteKey(instance: "tc", kind: .bump, productID: "12"), courses: ["bonus"]),
            Route(key: RouteKey(instance: "tc", kind: .product, productID: "sub"), courses: ["css"]),
            Route(key: RouteKey(instance: "shop", kind: .bundle, productID: "880"), courses: ["web", "css"]),
        ])

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coursegate-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("store.sqlite").path
        store = try SQLiteStore(path: path)
        version = try await store.register(Self.mapping, hash: "test", path: "test.yaml", text: "")
    }

    func reopen() throws -> SQLiteStore { try SQLiteStore(path: path) }

    func record(_ facts: Fact..., at now: Date = Facts.day(10)) async throws -> RecordOutcome {
        try await store.record(facts, under: version, now: now)
    }

    /// The status by both read paths, which must agree.
    func status(_ email: String, _ course: String) async throws -> AccessStatus {
        let direct = try await store.accessStatus(email: email, course: course).status
        guard let customer = try await store.customer(email: email) else { return direct }
        let listed = try await store.access(customerID: customer.id).first { $0.course == course }?.state.status ?? .none
        return listed == direct ? direct : .revoked(.manual(message: "read paths disagree: \(listed) vs \(direct)"))
    }
}

/// Facts about the fixture's products.
enum Facts {
    static func day(_ n: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + n * 86_400) }

    static func purchase(_ order: String, email: String? = "ann@example.com", day n: Double = 1,
                         items: [ItemKey] = [ItemKey(.product, "12")], instance: String = "tc",
                         subscription: String? = nil, mode: Mode = .live) -> Fact {
        Fact(key: FactKey("\(instance):order:\(order)"), instance: instance, occurredAt: day(n), mode: mode,
             customer: CustomerRef(email: email, name: "Ann"),
             event: .purchase(Purchase(orderID: order, items: items.map {
                 OrderItem(key: $0, amount: 1000, currency: "USD", subscriptionID: subscription)
             })))
    }

    static func refund(_ order: String, item: ItemKey? = nil, email: String? = "ann@example.com", day n: Double = 2,
                       instance: String = "tc") -> Fact {
        Fact(key: FactKey("\(instance):refund:\(order):\(item?.description ?? "all")"), instance: instance,
             occurredAt: day(n), customer: CustomerRef(email: email),
             event: .refund(Refund(orderID: order, item: item, amount: 1000, currency: "USD")))
    }

    static func cancel(_ subscription: String, day n: Double, periodEnd: Double, instance: String = "tc") -> Fact {
        Fact(key: FactKey("\(instance):cancel:\(subscription)"), instance: instance, occurredAt: day(n),
             customer: CustomerRef(),
             event: .subscription(SubscriptionChange(subscriptionID: subscription, change: .cancelled(
                 Cancellation(effective: .periodEnd, periodEnd: day(periodEnd), initiator: .provider)))))
    }

    static func admin(_ key: String, _ action: AdminAction.Action, email: String = "ann@example.com", day n: Double) -> Fact {
        Fact(key: FactKey("admin:\(key)"), instance: .admin, occurredAt: day(n), customer: CustomerRef(email: email),
             event: .admin(AdminAction(actor: "test", action: action)))
    }
}
