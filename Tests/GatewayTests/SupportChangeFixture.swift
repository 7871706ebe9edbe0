import AccessKernel
import AccessStore
import AdapterKit
import Foundation
import Gateway
import Logging
import MappingConfig
import Mocks
import Outbound

/// A support desk over a real SQLite file, recording through ``StoreRecorder`` under a
/// mapping of the ThriveCart and SendOwl scenarios' products, with a sink and welcome mail
/// so the outbox rows the actions write can be read back.
struct SupportChangeFixture {
    let store: SQLiteStore
    let version: MappingVersion
    let desk: SupportDesk

    /// Courses of both scenarios, a draft course, and `tc-main` with `on_admin_cancel` as given.
    static func mappingText(onAdminCancel: String = "keep") -> String {
        """
        courses:
          watercolour: {title: Watercolour Foundations, published: true}
          workbook: {title: Brush Lettering Workbook, published: true}
          masterclass: {title: "Masterclass: Skies & Seas", published: true}
          studio: {title: Studio Membership, published: true}
          copperplate: {title: Copperplate Calligraphy, published: true}
          lettering-club: {title: Lettering Club, published: true}
          drafts: {title: Drafts, published: false}
        instances:
          tc-main:
            kind: thrivecart
            secrets: {secret: \(ThriveCartScenario.secretWord), api_key: tc-api-key-0c1d2e}
            policies: {on_admin_cancel: \(onAdminCancel)}
          shop:
            kind: sendowl
            secrets: {signing_key: \(SendOwlScenario.signingKey), api_key: \(MockSendOwlAPI.defaultKey), api_secret: \(MockSendOwlAPI.defaultSecret)}
          bare:
            kind: sendowl
            secrets: {signing_key: \(SendOwlScenario.signingKey)}
        routes:
          - instance: tc-main
            product: "12"
            courses: [watercolour]
          - instance: tc-main
            bump: "12"
            courses: [workbook]
          - instance: tc-main
            upsell: "2"
            courses: [masterclass]
          - instance: tc-main
            product: "17"
            courses: [studio]
          - instance: shop
            product: "4521"
            courses: [copperplate]
          - instance: shop
            bundle: "880"
            courses: [copperplate, lettering-club]
          - instance: shop
            product: "7489"
            courses: [lettering-club]
        """
    }

    /// The fixture; `providers` are the provider APIs the desk may act through.
    init(onAdminCancel: String = "keep", providers: [InstanceID: any ProviderAPI] = [:]) async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("coursegate-support-\(UUID().uuidString).sqlite").path
        var logger = Logger(label: "support-tests")
        logger.logLevel = .critical
        store = try SQLiteStore(path: path, logger: logger)
        let file = try MappingFile.parse(Self.mappingText(onAdminCancel: onAdminCancel), path: "support.yaml",
                                         kinds: AdapterRegistry.standard.kinds)
        var version = try await store.register(file.mapping, hash: file.hash, path: file.path, text: file.text)
        version.outbox = OutboxTargets(sinks: ["course-site"], welcomeMail: true)
        self.version = version
        desk = SupportDesk(store: store, mapping: version, recorder: StoreRecorder(store: store, mapping: version),
                           providers: providers)
    }

    /// Records facts as a webhook (or reconciliation) would.
    @discardableResult
    func record(_ facts: [Fact]) async throws -> RecordOutcome {
        try await store.record(facts, under: version, now: Date())
    }

    /// The customer an email belongs to.
    func customerID(_ email: String) async throws -> Int64 {
        guard let customer = try await store.customer(email: email) else { throw Missing(what: "no customer \(email)") }
        return customer.id
    }

    /// Status names per course of one customer.
    func statuses(_ customerID: Int64) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await store.access(customerID: customerID).map { ($0.course, $0.state.status.name) })
    }

    /// One customer's status of one course, `none` without a record.
    func status(_ customerID: Int64, _ course: String) async throws -> AccessStatus {
        try await store.access(customerID: customerID).first { $0.course == course }?.state.status ?? .none
    }

    /// Outbox topics written for one customer, oldest first.
    func outboxTopics(_ customerID: Int64) async throws -> [String] {
        try await store.deliveries(status: nil, limit: 1_000).filter { $0.customerID == customerID }
            .sorted { $0.id < $1.id }.map(\.topic)
    }

    /// The admin facts of one customer.
    func adminActions(_ customerID: Int64) async throws -> [(key: FactKey, instance: InstanceID, action: AdminAction)] {
        try await store.facts(customerID: customerID).compactMap { stored in
            guard case .admin(let action) = stored.fact.event else { return nil }
            return (stored.fact.key, stored.fact.instance, action)
        }
    }

    /// The provider API of a configured instance, reaching `baseURL` through a real libcurl client.
    static func api(_ instance: InstanceID, baseURL: String, onAdminCancel: String = "keep") throws -> any ProviderAPI {
        let file = try MappingFile.parse(mappingText(onAdminCancel: onAdminCancel), path: "support.yaml",
                                         kinds: AdapterRegistry.standard.kinds)
        guard let configured = file.mapping.instances[instance] else { throw Missing(what: "no instance \(instance)") }
        let adapter = try AdapterRegistry.standard.adapter(for: configured, environment: [:])
        let connection = ProviderConnection(transport: CurlClient(), baseURL: baseURL, minimumInterval: .milliseconds(5))
        guard let api = adapter.api(connection) else { throw Missing(what: "instance \(instance) has no API") }
        return api
    }

    struct Missing: Error, CustomStringConvertible {
        var what: String
        var description: String { what }
    }
}
