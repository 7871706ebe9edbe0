import AccessKernel
import AccessStore
import Foundation
import Testing

/// `coursegate mapping diff | apply | rollback | status` with the real binary on real files.
@Suite("coursegate mapping diff and apply", .serialized)
struct MappingApplyCommandTests {
    static let base = """
        courses:
          web-basics: {title: Web Basics, published: true}
          bonus-toolkit: {title: Bonus Toolkit, published: true}
        instances:
          tc-main:
            kind: thrivecart
            secrets: {secret: env:TC_MAIN_SECRET}
        routes:
          - {instance: tc-main, product: "12", courses: [web-basics]}
          - {instance: tc-main, product: "14", courses: [web-basics]}
        """

    /// A new bonus course for an old product.
    static let bonus = base.replacingOccurrences(of: "product: \"12\", courses: [web-basics]",
                                                 with: "product: \"12\", courses: [web-basics, bonus-toolkit]")
    /// Product 14 withdrawn: its buyers would lose the course.
    static let withdrawn = base.replacingOccurrences(of: "\n  - {instance: tc-main, product: \"14\", courses: [web-basics]}", with: "")

    static func file(_ text: String, _ name: String) throws -> String {
        let path = CLI.temporaryFile(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `count` customers, every third one on product 14, the rest on product 12.
    static func seed(_ path: String, customers count: Int, mapping: String) async throws {
        let store = try SQLiteStore(path: path)
        let file = try file(mapping, "seed.yaml")
        _ = try CLI.run(["mapping", "apply", file, "--new-purchases-only", "--db", path])
        guard let active = try await store.activeMapping() else { throw CocoaError(.fileReadUnknown) }
        let version = MappingVersion(id: active.version, hash: active.hash, mapping: Mapping(
            courses: [Course(id: "web-basics", title: "Web Basics"), Course(id: "bonus-toolkit", title: "Bonus Toolkit")],
            instances: [ProviderInstance(id: "tc-main", kind: "thrivecart")],
            routes: [Route(key: RouteKey(instance: "tc-main", kind: .product, productID: "12"), courses: ["web-basics"]),
                     Route(key: RouteKey(instance: "tc-main", kind: .product, productID: "14"), courses: ["web-basics"])]))
        let now = Date()
        var groups: [[Fact]] = []
        for index in 0..<count {
            groups.append([Fact(key: FactKey("tc-main:order.success:\(index)"), instance: "tc-main", occurredAt: now,
                                customer: CustomerRef(email: "c\(index)@example.com"),
                                event: .purchase(Purchase(orderID: "\(index)", items: [
                                    OrderItem(key: ItemKey(.product, index % 3 == 0 ? "14" : "12"), amount: 100, currency: "USD")])))])
            if groups.count == 500 || index == count - 1 {
                _ = try await store.record(groups: groups, under: version, now: now)
                groups = []
            }
        }
    }

    static func accessRows(_ path: String, customers: Int) async throws -> [String] {
        let store = try SQLiteStore(path: path)
        var rows: [String] = []
        for index in 0..<customers {
            guard let customer = try await store.customer(email: "c\(index)@example.com") else { continue }
            for record in try await store.access(customerID: customer.id) {
                rows.append("c\(index) \(record.course) \(record.state.status.name)")
            }
        }
        return rows
    }

    @Test("diff shows gains per course and a sample, and changes nothing; apply --backfill then does exactly that")
    func diffThenApply() async throws {
        let db = CLI.temporaryFile("diff.sqlite")
        try await Self.seed(db, customers: 30, mapping: Self.base)
        let bonus = try Self.file(Self.bonus, "bonus.yaml")
        let diff = try CLI.run(["mapping", "diff", bonus, "--db", db])
        #expect(diff.status == 0, "\(diff.errors)")
        #expect(diff.output.contains("20 of 30 customers would change"), "\(diff.output)")
        #expect(diff.output.contains("bonus-toolkit: +20 gained, -0 lost"), "\(diff.output)")
        #expect(diff.output.contains("c1@example.com: +bonus-toolkit"), "\(diff.output)")
        #expect(try await Self.accessRows(db, customers: 30).filter { $0.contains("bonus-toolkit") }.isEmpty)

        let apply = try CLI.run(["mapping", "apply", bonus, "--backfill", "--batch-size", "7", "--db", db])
        #expect(apply.status == 0, "\(apply.errors)")
        #expect(apply.output.contains("30 customers recomputed, 20 access changes"), "\(apply.output)")
        #expect(apply.errors.contains("backfill: 7 of 30"), "progress is shown: \(apply.errors)")
        #expect(try await Self.accessRows(db, customers: 30).filter { $0.hasSuffix("bonus-toolkit active") }.count == 20)

        let again = try CLI.run(["mapping", "diff", bonus, "--db", db])
        #expect(again.output.contains("0 of 30 customers would change"), "\(again.output)")
        let status = try CLI.run(["mapping", "status", "--db", db])
        #expect(status.output.contains("backfill by cli"), "\(status.output)")
    }

    @Test("an edit revoking more than 10 % of active access is refused with the numbers unless --force")
    func guardRail() async throws {
        let db = CLI.temporaryFile("guard.sqlite")
        try await Self.seed(db, customers: 30, mapping: Self.base)
        let withdrawn = try Self.file(Self.withdrawn, "withdrawn.yaml")
        let refused = try CLI.run(["mapping", "apply", withdrawn, "--backfill", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("would revoke 10 of 30 active accesses (33.3%), more than 10.0%"), "\(refused.errors)")
        #expect(refused.errors.contains("--force"))
        #expect(try await Self.accessRows(db, customers: 30).allSatisfy { $0.hasSuffix("active") }, "nothing was applied")

        let forced = try CLI.run(["mapping", "apply", withdrawn, "--backfill", "--force", "--db", db])
        #expect(forced.status == 0, "\(forced.errors)")
        // Product 14's buyers no longer have any source for the course: their access is gone.
        #expect(try await Self.accessRows(db, customers: 30).count == 20)

        // Rolling back to the first version gives the course back.
        let back = try CLI.run(["mapping", "rollback", "1", "--backfill", "--db", db])
        #expect(back.status == 0, "\(back.errors) \(back.output)")
        let restored = try await Self.accessRows(db, customers: 30)
        #expect(restored.count == 30 && restored.allSatisfy { $0.hasSuffix("active") })
    }

    @Test("--new-purchases-only leaves existing customers alone")
    func newPurchasesOnly() async throws {
        let db = CLI.temporaryFile("npo.sqlite")
        try await Self.seed(db, customers: 9, mapping: Self.base)
        let bonus = try Self.file(Self.bonus, "bonus.yaml")
        let apply = try CLI.run(["mapping", "apply", bonus, "--new-purchases-only", "--db", db])
        #expect(apply.status == 0, "\(apply.errors)")
        #expect(apply.output.contains("existing purchases keep their routes"))
        let status = try CLI.run(["mapping", "status", "--db", db])
        #expect(status.output.contains("purchases still on the routes of: version 1"), "\(status.output)")
        #expect(try await Self.accessRows(db, customers: 9).filter { $0.contains("bonus-toolkit") }.isEmpty)
    }

    @Test("a backfill killed with SIGKILL half way and applied again ends as an uninterrupted one")
    func killedBackfillResumes() async throws {
        let customers = 3000
        let killed = CLI.temporaryFile("killed.sqlite")
        let straight = CLI.temporaryFile("straight.sqlite")
        try await Self.seed(killed, customers: customers, mapping: Self.base)
        try await Self.seed(straight, customers: customers, mapping: Self.base)
        let bonus = try Self.file(Self.bonus, "bonus.yaml")

        let whole = try CLI.run(["mapping", "apply", bonus, "--backfill", "--batch-size", "50", "--db", straight])
        #expect(whole.status == 0, "\(whole.errors)")

        let child = try ServerProcess(["mapping", "apply", bonus, "--backfill", "--batch-size", "50", "--db", killed])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !child.logged.contains("backfill: 500 of") {
            try await Task.sleep(for: .milliseconds(5))
        }
        try await child.killHard()
        #expect(!child.printed.contains("is in force"), "killed before the end: \(child.printed)")

        let status = try CLI.run(["mapping", "status", "--db", killed])
        #expect(status.output.contains("unfinished backfill"), "\(status.output)")
        let resumed = try CLI.run(["mapping", "apply", bonus, "--backfill", "--batch-size", "50", "--db", killed])
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(resumed.errors.contains("resuming the backfill"), "\(resumed.errors)")

        #expect(try await Self.accessRows(killed, customers: customers) == Self.accessRows(straight, customers: customers))
        let events = { (path: String) async throws -> Int in
            let store = try SQLiteStore(path: path)
            var count = 0
            for index in stride(from: 0, to: customers, by: 1) {
                guard let customer = try await store.customer(email: "c\(index)@example.com") else { continue }
                count += try await store.accessEvents(customerID: customer.id).count
            }
            return count
        }
        #expect(try await events(killed) == events(straight), "no access event was written twice")
    }
}
