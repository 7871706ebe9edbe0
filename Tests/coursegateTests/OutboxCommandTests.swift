import AccessKernel
import AccessStore
import Foundation
import Testing

@Suite("coursegate outbox")
struct OutboxCommandTests {
    @Test("list shows each delivery with its status, topic and target")
    func listShowsRows() async throws {
        let outbox = try await PreparedOutbox()
        let result = try CLI.run(["outbox", "list", "--db", outbox.path])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("STATUS") == true, "\(result.output)")
        for (topic, target) in [("customer.created", "sink:course-site"), ("access.granted", "sink:course-site"),
                                ("mail.welcome", "mail")] {
            let row = lines.first { $0.contains(topic) }
            #expect(row?.contains("pending") == true, "\(result.output)")
            #expect(row?.contains(" \(target) ") == true, "\(result.output)")
            #expect(row?.contains("ann@example.com") == true, "\(result.output)")
        }
        #expect(lines.count == 4, "\(result.output)")  // header and three rows
    }

    @Test("list of an empty outbox says so")
    func listEmpty() throws {
        let db = CLI.temporaryFile("empty.sqlite")
        let result = try CLI.run(["outbox", "list", "--db", db])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("the outbox is empty"))
        let dead = try CLI.run(["outbox", "list", "--status", "dead", "--db", db])
        #expect(dead.output.contains("no dead deliveries"))
    }

    @Test("list --status dead shows only dead deliveries, with their last error")
    func listDead() async throws {
        let outbox = try await PreparedOutbox()
        let granted = try await outbox.row("access.granted")
        try await outbox.store.finishAttempt(granted.id, result: .dead(error: "HTTP 400 Bad Request"), now: Date())
        let result = try CLI.run(["outbox", "list", "--status", "dead", "--db", outbox.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("access.granted"))
        #expect(result.output.contains("dead") && result.output.contains("HTTP 400 Bad Request"))
        #expect(!result.output.contains("customer.created") && !result.output.contains("mail.welcome"))
        let pending = try CLI.run(["outbox", "list", "--status", "pending", "--db", outbox.path])
        #expect(pending.output.contains("customer.created") && !pending.output.contains("access.granted"))
    }

    @Test("retry makes dead deliveries pending again and prints how many")
    func retry() async throws {
        let outbox = try await PreparedOutbox()
        for topic in ["access.granted", "mail.welcome"] {
            try await outbox.store.finishAttempt(try await outbox.row(topic).id, result: .dead(error: "refused"), now: Date())
        }
        let mailOnly = try CLI.run(["outbox", "retry", "--target", "mail", "--db", outbox.path])
        #expect(mailOnly.status == 0, "\(mailOnly.errors)")
        #expect(mailOnly.output.contains("1 dead delivery will be tried again"), "\(mailOnly.output)")
        #expect(try await outbox.row("mail.welcome").status == .pending)
        #expect(try await outbox.row("access.granted").status == .dead)

        let all = try CLI.run(["outbox", "retry", "--db", outbox.path])
        #expect(all.output.contains("1 dead delivery will be tried again"), "\(all.output)")
        let granted = try await outbox.row("access.granted")
        #expect(granted.status == .pending && granted.attempts == 0)

        let none = try CLI.run(["outbox", "retry", "--db", outbox.path])
        #expect(none.status == 0 && none.output.contains("no dead deliveries"), "\(none.output)")
    }

    @Test("redeliver sends a delivered message again, and an unknown id is an error naming it")
    func redeliver() async throws {
        let outbox = try await PreparedOutbox()
        let granted = try await outbox.row("access.granted")
        try await outbox.store.finishAttempt(granted.id, result: .delivered, now: Date())
        let result = try CLI.run(["outbox", "redeliver", "\(granted.id)", "--db", outbox.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("delivery #\(granted.id) (access.granted to sink:course-site) will be sent again"))
        let again = try await outbox.row("access.granted")
        #expect(again.status == .pending && again.messageID == granted.messageID)

        let missing = try CLI.run(["outbox", "redeliver", "999", "--db", outbox.path])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("#999"), "\(missing.errors)")
    }

    @Test("enable lets a disabled sink's deliveries go again")
    func enable() async throws {
        let outbox = try await PreparedOutbox()
        try await outbox.store.disableSink("course-site", reason: "410 Gone", now: Date())
        let listed = try CLI.run(["outbox", "list", "--db", outbox.path])
        #expect(listed.output.contains("sink course-site is disabled (410 Gone)"), "\(listed.output)")

        let result = try CLI.run(["outbox", "enable", "course-site", "--db", outbox.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("sink course-site is enabled"))
        #expect(try await outbox.store.disabledSinks().isEmpty)
        let again = try CLI.run(["outbox", "enable", "course-site", "--db", outbox.path])
        #expect(again.output.contains("sink course-site was not disabled"))
    }

    @Test("customers welcome queues a welcome mail for each active course; the outbox lists it")
    func welcome() async throws {
        let outbox = try await PreparedOutbox()
        let before = try await outbox.store.deliveries(status: nil, limit: 100).count
        let result = try CLI.run(["customers", "welcome", " Ann@Example.com", "--db", outbox.path])
        #expect(result.status == 0, "\(result.errors)")
        let queued = try #require(result.output.firstMatch(of: /welcome mail queued as delivery #(\d+)/),
                                  "\(result.output)")
        let id = try #require(Int64(queued.1))
        let mail = try #require(try await outbox.store.delivery(id: id))
        #expect(mail.topic == "mail.welcome" && mail.target == .mail && mail.status == .pending)
        #expect(mail.customerID == outbox.customerID && mail.course == "web-basics")
        #expect(mail.payload.customerEmail == "ann@example.com")
        #expect(try await outbox.store.deliveries(status: nil, limit: 100).count == before + 1)

        let listed = try CLI.run(["outbox", "list", "--db", outbox.path])
        #expect(listed.output.contains("mail.welcome"), "\(listed.output)")

        let unknown = try CLI.run(["customers", "welcome", "nobody@example.com", "--db", outbox.path])
        #expect(unknown.status == 3 && unknown.errors.contains("nobody@example.com"), "\(unknown.errors)")
    }

    @Test("outbox --help lists its subcommands")
    func help() throws {
        let result = try CLI.run(["outbox", "--help"])
        #expect(result.status == 0, "\(result.errors)")
        for subcommand in ["list", "retry", "redeliver", "enable"] {
            #expect(result.output.contains("  \(subcommand) "), "missing \(subcommand) in \(result.output)")
        }
    }
}

/// A database prepared through the store: Ann bought Web Basics under a mapping with one
/// sink (`course-site`) and welcome mail, so the outbox holds customer.created,
/// access.granted and mail.welcome.
struct PreparedOutbox {
    let path: String
    let store: SQLiteStore
    let customerID: Int64

    init() async throws {
        path = CLI.temporaryFile("outbox.sqlite")
        store = try SQLiteStore(path: path)
        let mapping = Mapping(courses: [Course(id: "web-basics", title: "Web Basics")],
                              instances: [ProviderInstance(id: "tc-main", kind: "thrivecart")],
                              routes: [Route(key: RouteKey(instance: "tc-main", kind: .product, productID: "12"),
                                             courses: ["web-basics"])])
        let registered = try await store.register(mapping, hash: "h", path: "m.yaml", text: "")
        let version = MappingVersion(id: registered.id, hash: registered.hash, mapping: mapping,
                                     outbox: OutboxTargets(sinks: ["course-site"], welcomeMail: true))
        let now = Date()
        let outcome = try await store.record([Fact(key: "tc-main:order.success:1", instance: "tc-main", occurredAt: now,
                                                   customer: CustomerRef(email: "ann@example.com", name: "Ann Lee"),
                                                   event: .purchase(Purchase(orderID: "1", items: [
                                                       OrderItem(key: ItemKey(.product, "12"), amount: 4900, currency: "USD")])))],
                                             under: version, now: now)
        customerID = try #require(outcome.newCustomers.first)
    }

    /// The one delivery of `topic`, as stored now.
    func row(_ topic: String) async throws -> OutboxDelivery {
        try #require(try await store.deliveries(status: nil, limit: 100).first { $0.topic == topic })
    }
}
