import Foundation

/// The recorded fixture files shipped with Mocks (`Mocks/Fixtures/<provider>/`).
///
/// Each provider folder follows the conformance convention of `AdapterConformance`:
/// `NAME.EXT` bodies (`order.success.form`), `NAME.expected.json` golden results and an
/// `instance.json` describing the instance they were recorded for.
public enum Fixtures {
    /// The folder holding every provider's fixtures.
    public static var root: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Fixtures")
    }

    /// One provider's folder (`thrivecart`, `reference`).
    public static func directory(_ provider: String) -> URL {
        root.appendingPathComponent(provider, isDirectory: true)
    }

    /// ThriveCart's recorded deliveries.
    public static var thriveCart: URL { directory("thrivecart") }

    /// SendOwl's recorded deliveries.
    public static var sendOwl: URL { directory("sendowl") }

    /// The native (Stripe-powered) checkout's recorded events.
    public static var nativeCheckout: URL { directory("native_checkout") }

    /// The deliveries of the small reference provider used to test the conformance suite.
    public static var reference: URL { directory("reference") }

    /// The bytes of one fixture file, e.g. `body("thrivecart", "order.success.form")`.
    public static func body(_ provider: String, _ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory(provider).appendingPathComponent(file)))
    }
}
