import Foundation

/// Writes the recorded ThriveCart fixtures (`Mocks/Fixtures/thrivecart`): every
/// delivery of ``ThriveCartScenario`` in both encodings, and `instance.json`.
///
/// The golden `*.expected.json` files are written by the ThriveCart tests' regeneration
/// test (`COURSEGATE_REGENERATE_FIXTURES=1 swift test --filter regenerate`) and then
/// reviewed by hand: they must never be trusted just because the adapter produced them.
public enum ThriveCartFixtureWriter {
    /// Writes the body files and `instance.json` into `directory`; returns the body files.
    @discardableResult
    public static func writeBodies(to directory: URL) throws -> [URL] {
        let bodies = ThriveCartScenario.deliveries.flatMap { name, payload in
            BodyEncoding.allCases.map { ("\(name).\($0.fileExtension)", $0.encode(payload)) }
        }
        return try FixtureDirectoryWriter.write(bodies, instance: ThriveCartScenario.instanceID, kind: "thrivecart",
                                                secret: ("secret", ThriveCartScenario.secretWord), to: directory)
    }
}
