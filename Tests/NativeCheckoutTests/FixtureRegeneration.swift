import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

/// Rewrites `Mocks/Fixtures/native_checkout` from ``NativeCheckoutScenario``: bodies,
/// `instance.json`, and the golden `*.expected.json` from the adapter.
///
/// Run on purpose only (`COURSEGATE_REGENERATE_FIXTURES=1 swift test --filter regenerate`),
/// then review the diff of the golden files by hand before committing them.
@Suite struct FixtureRegeneration {
    static var requested: Bool { ProcessInfo.processInfo.environment["COURSEGATE_REGENERATE_FIXTURES"] == "1" }

    @Test(.enabled(if: requested)) func regenerateNativeCheckoutFixtures() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Mocks/Fixtures/native_checkout", isDirectory: true)
        try NativeCheckoutFixtureWriter.writeBodies(to: directory)
        let adapter = try NativeCheckoutTesting.adapter()
        let encoder = Fact.makeEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        for (name, event) in NativeCheckoutScenario.deliveries {
            let expected: Data
            switch try adapter.verify(NativeCheckoutRequest.make(event)) {
            case .facts(let facts): expected = try encoder.encode(facts)
            case .ignored(let reason): expected = try encoder.encode(["ignored": reason])
            }
            try (expected + Data("\n".utf8)).write(to: directory.appendingPathComponent("\(name).expected.json"))
        }
    }
}
