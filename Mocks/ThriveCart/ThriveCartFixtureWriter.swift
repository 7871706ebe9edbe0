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
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for (name, payload) in ThriveCartScenario.deliveries {
            for encoding in BodyEncoding.allCases {
                let url = directory.appendingPathComponent("\(name).\(encoding.fileExtension)")
                try Data(encoding.encode(payload)).write(to: url)
                written.append(url)
            }
        }
        let instance = """
        {
          "id": "\(ThriveCartScenario.instanceID)",
          "kind": "thrivecart",
          "secrets": { "secret": "\(ThriveCartScenario.secretWord)" },
          "acceptsTestEvents": true
        }

        """
        try Data(instance.utf8).write(to: directory.appendingPathComponent("instance.json"))
        return written
    }
}
