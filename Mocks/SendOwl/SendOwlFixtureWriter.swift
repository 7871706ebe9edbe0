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
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for (name, payload) in SendOwlScenario.deliveries {
            let url = directory.appendingPathComponent("\(name).json")
            try Data(payload.encoded).write(to: url)
            written.append(url)
        }
        let instance = """
        {
          "id": "\(SendOwlScenario.instanceID)",
          "kind": "sendowl",
          "secrets": { "signing_key": "\(SendOwlScenario.signingKey)" },
          "acceptsTestEvents": true
        }

        """
        try Data(instance.utf8).write(to: directory.appendingPathComponent("instance.json"))
        return written
    }
}
