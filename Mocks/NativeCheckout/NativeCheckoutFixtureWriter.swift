import Foundation

/// Writes the recorded native-checkout fixtures (`Mocks/Fixtures/native_checkout`):
/// every delivery of ``NativeCheckoutScenario`` as Stripe writes it, and `instance.json`.
///
/// The golden `*.expected.json` files are written by the native-checkout tests'
/// regeneration test (`COURSEGATE_REGENERATE_FIXTURES=1 swift test --filter regenerate`)
/// and then reviewed by hand: never trusted just because the adapter produced them.
public enum NativeCheckoutFixtureWriter {
    /// Writes the body files and `instance.json` into `directory`; returns the body files.
    @discardableResult
    public static func writeBodies(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for (name, event) in NativeCheckoutScenario.deliveries {
            let url = directory.appendingPathComponent("\(name).json")
            try Data(StripeJSONWriter.encode(event)).write(to: url)
            written.append(url)
        }
        let instance = """
        {
          "id": "\(NativeCheckoutScenario.instanceID)",
          "kind": "native_checkout",
          "secrets": { "webhook_secret": "\(NativeCheckoutScenario.webhookSecret)" },
          "acceptsTestEvents": true
        }

        """
        try Data(instance.utf8).write(to: directory.appendingPathComponent("instance.json"))
        return written
    }
}
