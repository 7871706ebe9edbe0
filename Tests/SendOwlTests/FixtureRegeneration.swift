import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

/// Rewrites `Mocks/Fixtures/sendowl` from ``SendOwlScenario``: the `.json` bodies,
/// `instance.json`, and the golden `*.expected.json` from the adapter.
///
/// Run on purpose only (`COURSEGATE_REGENERATE_FIXTURES=1 swift test --filter regenerateSendOwl`),
/// then review the diff of the golden files by hand before committing them.
@Suite struct SendOwlFixtureRegeneration {
    static var requested: Bool { ProcessInfo.processInfo.environment["COURSEGATE_REGENERATE_FIXTURES"] == "1" }

    @Test(.enabled(if: requested)) func regenerateSendOwlFixtures() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Mocks/Fixtures/sendowl", isDirectory: true)
        try SendOwlFixtureWriter.writeBodies(to: directory)
        let adapter = try SendOwlTesting.adapter()
        let encoder = Fact.makeEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        for (name, payload) in SendOwlScenario.deliveries {
            let expected: Data
            switch try adapter.verify(SendOwlRequest.make(payload)) {
            case .facts(let facts): expected = try encoder.encode(facts)
            case .ignored(let reason): expected = try encoder.encode(["ignored": reason])
            }
            try (expected + Data("\n".utf8)).write(to: directory.appendingPathComponent("\(name).expected.json"))
        }
    }
}
