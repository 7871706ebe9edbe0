import AccessKernel
import AdapterConformance
import AdapterKit
import Foundation
import Mocks
import Testing

/// The conformance suite itself: a correct adapter passes it, and each deliberate flaw
/// fails the check that names it, with a message saying what went wrong.
@Suite struct ConformanceSuiteChecks {
    /// A suite over the reference fixtures for a Ledger adapter with the given flaws.
    static func report<F: LedgerFlaws>(_ flaws: F.Type, directory: URL = Fixtures.reference) throws -> ConformanceReport {
        let suite = try ConformanceSuite<LedgerAdapter<F>>(fixturesDirectory: directory) { delivery in
            let signature = Hex.encode(HMACVerifier(secret: delivery.secret).mac(delivery.body))
            return InboundRequest(headers: [("Content-Type", "application/json"), ("X-Ledger-Signature", signature)],
                                  body: delivery.body, receivedAt: delivery.receivedAt)
        }
        let report = suite.run()
        print(report)
        return report
    }

    static func detail(_ report: ConformanceReport, _ check: String) -> String {
        report.failures.first { $0.name == check }?.detail ?? ""
    }

    @Test func correctAdapterPassesEveryCheck() throws {
        let report = try Self.report(Faultless.self)
        #expect(report.failures.isEmpty, "\(report)")
        #expect(report.checks.count >= 20)
        #expect(report.description.contains("0 failing"))
    }

    @Test func adapterAcceptingAnySecretFailsTheSecretCheckNamingTheFixture() throws {
        let report = try Self.report(AcceptsAnySecret.self)
        #expect(report.failed("a wrong secret is refused as unauthenticated"))
        let detail = Self.detail(report, "a wrong secret is refused as unauthenticated")
        #expect(detail.contains("sale.json with a secret differing in its last character"))
        #expect(detail.contains("not refused unauthenticated"))
        #expect(!report.failed("golden sale.json"), "a genuine delivery still decodes")
    }

    @Test func adapterMakingDifferentKeysEachCallFailsIdempotencyDeterminismAndGoldens() throws {
        let report = try Self.report(MakesRandomKeys.self)
        #expect(report.failed("the same delivery twice has the same idempotency keys"))
        #expect(report.failed("decoding is deterministic"))
        #expect(report.failed("golden sale.json"))
        #expect(Self.detail(report, "the same delivery twice has the same idempotency keys").contains("sale.json: keys [\"ledger-1:sale:S-100:"))
        #expect(Self.detail(report, "golden sale.json").contains("\"key\""), "the golden diff points at the key line")
    }

    @Test func adapterIgnoringContentTypeFailsTheMediaTypeCheck() throws {
        let report = try Self.report(IgnoresContentType.self)
        #expect(report.failed("a wrong content type is refused"))
        #expect(Self.detail(report, "a wrong content type is refused").contains("sent as text/plain"))
        #expect(report.failures.count == 1)
    }

    @Test func adapterBlindToTestModeFailsBothTestModeChecks() throws {
        let report = try Self.report(SeesOnlyLiveMode.self)
        #expect(report.failed("test-mode deliveries give test facts"))
        #expect(report.failed("test events are ignored when the instance does not accept them"))
        #expect(Self.detail(report, "test-mode deliveries give test facts").contains("has mode live, not test"))
        #expect(report.failed("golden sale.test-mode.json"))
    }

    @Test func adapterStampingAnotherInstanceFailsTheFactShapeCheck() throws {
        let report = try Self.report(ForgetsItsInstance.self)
        #expect(Self.detail(report, "facts carry the instance and non-empty unique keys").contains("has instance \"ledger\", not \"ledger-1\""))
    }

    @Test func adapterStartingWithoutItsSecretFailsTheConfigurationCheck() throws {
        let report = try Self.report(StartsWithoutKey.self)
        #expect(Self.detail(report, "a missing secret is a misconfiguration").contains("init succeeded with secret signing_key missing"))
    }

    @Test func directoryWithoutUnknownEventOrWithAnOrphanedGoldenFailsNamingTheFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.reference, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("unknown-event.json"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("refund.json"))
        let report = try Self.report(Faultless.self, directory: directory)
        #expect(Self.detail(report, "an unknown event is ignored").contains("no unknown-event.EXT fixture"))
        #expect(Self.detail(report, "fixtures directory follows the convention").contains("refund.expected.json has no fixture refund.EXT"))
    }

    @Test func unreadableDirectoryIsOneClearFailure() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-fixtures-\(UUID().uuidString)")
        let suite = ConformanceSuite<LedgerAdapter<Faultless>>(
            instance: AdapterInstance(id: "ledger-1", secrets: ["signing_key": "k"]), fixturesDirectory: missing
        ) { InboundRequest(headers: [], body: $0.body, receivedAt: $0.receivedAt) }
        let report = suite.run()
        #expect(report.checks.count == 1)
        #expect(report.failed("fixtures directory is readable"))
    }

    @Test func instanceFileIsRead() throws {
        let instance = try AdapterInstance(fixtureFile: Fixtures.reference.appendingPathComponent("instance.json"))
        #expect(instance == AdapterInstance(id: "ledger-1", secrets: ["signing_key": "whsec_ledger_reference_key"]))
    }
}
