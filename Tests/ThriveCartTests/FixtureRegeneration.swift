import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

/// Rewrites `Mocks/Fixtures/thrivecart` from ``ThriveCartScenario``: bodies in both
/// encodings, `instance.json`, and the golden `*.expected.json` from the adapter.
///
/// Run on purpose only (`COURSEGATE_REGENERATE_FIXTURES=1 swift test --filter regenerate`),
/// then review the diff of the golden files by hand before committing them.
@Suite struct FixtureRegeneration {
    static var requested: Bool { ProcessInfo.processInfo.environment["COURSEGATE_REGENERATE_FIXTURES"] == "1" }

    @Test(.enabled(if: requested)) func regenerateThriveCartFixtures() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Mocks/Fixtures/thrivecart", isDirectory: true)
        try ThriveCartFixtureWriter.writeBodies(to: directory)
        let adapter = try ThriveCartTesting.adapter()
        let encoder = Fact.makeEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        for (name, payload) in ThriveCartScenario.deliveries {
            let verdicts = try BodyEncoding.allCases.map { try adapter.verify(ThriveCartRequest.make(payload, encoding: $0)) }
            #expect(Set(verdicts).count == 1, "form and JSON of \(name) decode alike")
            let expected: Data
            switch verdicts[0] {
            case .facts(let facts): expected = try encoder.encode(facts)
            case .ignored(let reason): expected = try encoder.encode(["ignored": reason])
            }
            try (expected + Data("\n".utf8)).write(to: directory.appendingPathComponent("\(name).expected.json"))
        }
    }
}
