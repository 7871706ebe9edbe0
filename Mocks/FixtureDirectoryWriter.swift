import Foundation

/// Writes a provider's recorded fixtures directory in the conformance convention: one
/// file per delivery body and the `instance.json` the bodies were recorded for.
///
/// The golden `*.expected.json` files are not written here: each provider's regeneration
/// test writes them, and they are reviewed by hand before they are trusted.
enum FixtureDirectoryWriter {
    /// Writes `bodies` (file name to bytes) and `instance.json` into `directory`; returns
    /// the body files.
    static func write(_ bodies: [(file: String, bytes: [UInt8])], instance id: String, kind: String,
                      secret: (name: String, value: String), to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for (file, bytes) in bodies {
            let url = directory.appendingPathComponent(file)
            try Data(bytes).write(to: url)
            written.append(url)
        }
        let instance = """
        {
          "id": "\(id)",
          "kind": "\(kind)",
          "secrets": { "\(secret.name)": "\(secret.value)" },
          "acceptsTestEvents": true
        }

        """
        try Data(instance.utf8).write(to: directory.appendingPathComponent("instance.json"))
        return written
    }
}
