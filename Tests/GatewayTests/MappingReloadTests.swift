import AccessKernel
import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import MappingConfig
import Testing

/// Mapping edits while serving: reload by the API, by watching the file, and by a version
/// the CLI put in force; refused edits; the diff route.
@Suite("mapping reload while serving")
struct MappingReloadTests {
    /// The harness mapping with product 12 also opening css-mastery.
    static let bonus = GatewayHarness.mappingText.replacingOccurrences(
        of: "product: \"12\"\n    courses: [web-basics]", with: "product: \"12\"\n    courses: [web-basics, css-mastery]")
    /// Two mistakes: an unknown course and an unknown policy value.
    static let broken = GatewayHarness.mappingText.replacingOccurrences(of: "courses: [css-mastery]", with: "courses: [css-mastry]")
        + "\ndefaults:\n  policies:\n    on_refund: sometimes\n"

    static func file(_ text: String) throws -> String {
        let path = GatewayHarness.temporaryPath("mapping.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("reloading again and again under concurrent webhooks loses and fails no request")
    func reloadUnderLoad() async throws {
        #expect(Self.bonus != GatewayHarness.mappingText, "the edit applies")
        let path = try Self.file(GatewayHarness.mappingText)
        let harness = try await GatewayHarness.make(mappingFile: path)
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let response = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                                body: ProbeDelivery.purchase(order: "\(index)", email: "c\(index)@example.com"))
                        return ("webhook \(index)", Int(response.status.code))
                    }
                }
                group.addTask {
                    var last = 0
                    for round in 0..<10 {
                        try (round.isMultiple(of: 2) ? Self.bonus : GatewayHarness.mappingText)
                            .write(toFile: path, atomically: true, encoding: .utf8)
                        let response = try await client.call(.post, "/v1/mapping/reload", key: admin)
                        last = Int(response.status.code)
                        if last != 200 { return ("reload \(round): \(response.body.text)", last) }
                    }
                    return ("reloads", last)
                }
                for try await (what, status) in group {
                    #expect(status == 200, "\(what)")
                }
            }
        }
        #expect(try await harness.store.factCounts().total == 200)
        let activations = try await harness.store.activations(limit: 100)
        #expect(activations.count >= 10, "each reload that changed the file was put in force")

        // Each purchase was decided by one version, the one its events record: under the
        // bonus version product 12 opened CSS Mastery too, under the other only Web Basics.
        var bonusVersions: Set<Int64> = []
        for id in Set(activations.map(\.version)) {
            let stored = try #require(try await harness.store.storedMapping(id: id))
            if stored.text == Self.bonus { bonusVersions.insert(id) }
        }
        #expect(!bonusVersions.isEmpty)
        for index in 0..<200 {
            let customer = try #require(try await harness.store.customer(email: "c\(index)@example.com"))
            let events = try await harness.store.accessEvents(customerID: customer.id)
            let versions = Set(events.compactMap(\.mappingVersion))
            #expect(versions.count == 1, "c\(index): one version decided the purchase")
            let version = try #require(versions.first)
            #expect(Set(activations.map(\.version)).contains(version), "c\(index): a version that was in force")
            let expected: Set<String> = bonusVersions.contains(version) ? ["web-basics", "css-mastery"] : ["web-basics"]
            #expect(Set(events.map(\.course)) == expected, "c\(index) under version \(version)")
        }
    }

    @Test("reloads asked for at once run one after the other: one edit is put in force once")
    func concurrentReloads() async throws {
        let path = try Self.file(GatewayHarness.mappingText)
        let harness = try await GatewayHarness.make(mappingFile: path)
        let reloader = try #require(harness.gateway.reloader)
        let before = try await harness.store.activations(limit: 100).count
        try Self.bonus.write(toFile: path, atomically: true, encoding: .utf8)
        let changed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    if case .applied(_, changed: true) = await reloader.reloadFile() { return true }
                    return false
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(changed == 1, "the first reload puts the edit in force; the others find it there")
        #expect(try await harness.store.activations(limit: 100).count == before + 1)
    }

    @Test("a refused edit keeps the mapping in force serving and reports every problem with its line")
    func refusedEdit() async throws {
        let path = try Self.file(GatewayHarness.mappingText)
        let harness = try await GatewayHarness.make(mappingFile: path)
        let admin = try await harness.authorization(scope: .admin)
        let before = harness.gateway.live.current.version
        try Self.broken.write(toFile: path, atomically: true, encoding: .utf8)
        try await harness.gateway.application.test(.router) { client in
            let refused = try await client.call(.post, "/v1/mapping/reload", key: admin)
            #expect(refused.status == .unprocessableContent)
            let issues = refused.body.json["issues"] as? [[String: Any]] ?? []
            #expect(issues.count == 2, "\(refused.body.text)")
            #expect(issues.allSatisfy { $0["line"] is Int && $0["file"] as? String == path }, "\(issues)")
            #expect(Set(issues.compactMap { $0["key"] as? String }) == ["routes[1].courses[0]", "defaults.policies.on_refund"])

            let shown = try await client.call(.get, "/v1/mapping", key: admin)
            #expect(shown.body.json["id"] as? Int == Int(before.id))
            let rejection = shown.body.json["last_rejection"] as? [String: Any]
            #expect((rejection?["issues"] as? [Any])?.count == 2)

            let webhook = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                   body: ProbeDelivery.purchase(order: "1", email: "ann@example.com", product: "14"))
            #expect(webhook.status == .ok, "the old mapping keeps serving")
        }
        let customer = try #require(try await harness.store.customer(email: "ann@example.com"))
        #expect(try await harness.store.access(customerID: customer.id).map(\.course) == ["css-mastery"])
    }

    @Test("an edited file is picked up by the watcher, new purchases follow it, earlier ones keep their routes")
    func watchedFile() async throws {
        let path = try Self.file(GatewayHarness.mappingText)
        var configuration = GatewayConfiguration(port: 0)
        configuration.mappingCheckInterval = .milliseconds(50)
        let harness = try await GatewayHarness.make(configuration: configuration, mappingFile: path)
        let store = harness.store
        let live = harness.gateway.live
        let first = live.current.version.id
        try await harness.gateway.application.test(.router) { client in
            let early = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                 body: ProbeDelivery.purchase(order: "1", email: "early@example.com"))
            #expect(early.status == .ok)
            try Self.bonus.write(toFile: path, atomically: true, encoding: .utf8)
            let deadline = Date().addingTimeInterval(20)
            while live.current.version.id == first, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(live.current.version.id != first, "the watcher reloaded the edited file")
            let late = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                body: ProbeDelivery.purchase(order: "2", email: "late@example.com"))
            #expect(late.status == .ok)
            // The early customer's next fact recomputes them under the new mapping: their purchase stays on its routes.
            let again = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                 body: ProbeDelivery.purchase(order: "3", email: "early@example.com", product: "99"))
            #expect(again.status == .ok)
        }
        let early = try #require(try await store.customer(email: "early@example.com"))
        let late = try #require(try await store.customer(email: "late@example.com"))
        #expect(try await store.access(customerID: early.id).map(\.course) == ["web-basics"])
        #expect(try await store.access(customerID: late.id).map(\.course).sorted() == ["css-mastery", "web-basics"])
    }

    @Test("a version put in force by the CLI is followed within the check interval")
    func versionFromTheCLI() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.mappingCheckInterval = .milliseconds(50)
        let harness = try await GatewayHarness.make(configuration: configuration)
        let live = harness.gateway.live
        let mapping = try MappingFileFixture.parse(Self.bonus)
        let store = harness.store
        let version = try await store.register(mapping.mapping, hash: mapping.hash, path: "cli.yaml", text: mapping.text)
        try await harness.gateway.application.test(.router) { _ in
            _ = try await store.activate(version, mode: .newPurchasesOnly, actor: "cli", now: Date())
            let deadline = Date().addingTimeInterval(20)
            while live.current.version.id != version.id, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(live.current.version.id == version.id)
        #expect(live.current.version.mapping.routes.count == 2)
    }

    @Test("POST /v1/mapping/diff counts what a backfill would change and changes nothing; a broken file is 422")
    func diffRoute() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            for index in 0..<3 {
                _ = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                             body: ProbeDelivery.purchase(order: "\(index)", email: "c\(index)@example.com"))
            }
            var headers = admin
            headers[.contentType] = "application/yaml"
            let diff = try await client.execute(uri: "/v1/mapping/diff", method: .post, headers: headers, body: ByteBuffer(string: Self.bonus))
            #expect(diff.status == .ok, "\(diff.body.text)")
            #expect(diff.body.json["customers_changing"] as? Int == 3)
            #expect(((diff.body.json["courses"] as? [String: Any])?["css-mastery"] as? [String: Any])?["gained"] as? Int == 3)
            let broken = try await client.execute(uri: "/v1/mapping/diff", method: .post, headers: headers, body: ByteBuffer(string: Self.broken))
            #expect(broken.status == .unprocessableContent)
            #expect((broken.body.json["issues"] as? [Any])?.count == 2)
        }
        let customer = try #require(try await harness.store.customer(email: "c0@example.com"))
        #expect(try await harness.store.access(customerID: customer.id).map(\.course) == ["web-basics"])
    }
}

/// Parses mapping text against the harness's registry.
enum MappingFileFixture {
    static func parse(_ text: String) throws -> MappingFile {
        try MappingFile.parse(text, path: "fixture.yaml", kinds: GatewayHarness.registry.kinds,
                              environment: ["PROBE_TOKEN": ProbeDelivery.token])
    }
}
