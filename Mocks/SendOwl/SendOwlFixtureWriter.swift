import Foundation

/// Writes the recorded SendOwl fixtures (`Mocks/Fixtures/sendowl`): every delivery of
/// ``SendOwlScenario`` as a `.json` body, and `instance.json`.
///
/// The golden `*.expected.json` files are written by the SendOwl tests' regeneration test
/// (`COURSEGATE_REGENERATE_FIXTURES=1 swift test --filter regenerateSendOwl`) and then
/// reviewed by hand: they must never be trusted just because the adapter produced them.
public enum SendOwlFixtureWriter {
    /// Writes the body files and `instance.json` into `directory`; returns the body files.
    @discardableResult
    public static func writeBodies(to directory: URL) throws -> [URL] {
        try FixtureDirectoryWriter.write(SendOwlScenario.deliveries.map { ("\($0.0).json", $0.1.encoded) },
                                         instance: SendOwlScenario.instanceID, kind: "sendowl",
                                         secret: ("signing_key", SendOwlScenario.signingKey), to: directory)
    }
}
