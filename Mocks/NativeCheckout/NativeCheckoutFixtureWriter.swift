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
        try FixtureDirectoryWriter.write(NativeCheckoutScenario.deliveries.map { ("\($0.0).json", StripeJSONWriter.encode($0.1)) },
                                         instance: NativeCheckoutScenario.instanceID, kind: "native_checkout",
                                         secret: ("webhook_secret", NativeCheckoutScenario.webhookSecret), to: directory)
    }
}
