import Foundation

/// One recorded delivery of a fixtures directory.
///
/// # The fixtures directory convention
///
/// A directory holds one adapter's recorded deliveries and what each must decode to:
///
/// - `NAME.EXT` — a delivery body, byte for byte as the provider sent it. `EXT` names
///   its encoding (`form`, `json`, …); the suite hands it to the request factory, which
///   sets the `Content-Type` and signs the body when the provider signs. `NAME` is
///   dot-separated and usually the event type: `order.success`, `order.refund`.
/// - `NAME.expected.json` — the golden answer, shared by every encoding of `NAME` (the
///   form and JSON variants of one delivery must decode alike). It is either a JSON
///   array of facts exactly as `Fact.makeEncoder()` writes them (pretty-printing is
///   fine), or `{"ignored": "reason"}` (`{"ignored": true}` accepts any reason), or
///   `{"refused": "malformed"}` for a recorded delivery that must be refused with that
///   ``AdapterKit/AdapterError/Kind``.
/// - A `NAME` with a `test-mode` segment (`order.success.test-mode`) is a test-mode
///   delivery: all its facts must have mode `test`; every other fixture's facts must be
///   `live`.
/// - `unknown-event.EXT` (at least one) — a delivery whose event type the provider
///   never sends; it must be answered `ignored`. An expected file is optional.
/// - `instance.json` — the instance the bodies were recorded for:
///   `{"id": "tc-main", "secrets": {"secret": "…"}, "acceptsTestEvents": true}`.
///   Secrets inside bodies (or signatures over them) are this instance's.
/// - Files whose name starts with `.` or `README` are not fixtures.
public struct ConformanceFixture: Sendable, Hashable {
    /// The file name without its last extension (`order.success.test-mode`).
    public var name: String
    /// The encoding extension (`form`, `json`).
    public var fileExtension: String
    public var body: [UInt8]

    public init(name: String, fileExtension: String, body: [UInt8]) {
        self.name = name
        self.fileExtension = fileExtension
        self.body = body
    }

    /// `NAME.EXT`, as the file is named.
    public var fileName: String { "\(name).\(fileExtension)" }

    /// Whether the convention marks this delivery as test mode.
    public var isTestMode: Bool { name.split(separator: ".").contains("test-mode") }

    /// Whether this is an `unknown-event` delivery.
    public var isUnknownEvent: Bool { name == "unknown-event" }
}

/// One delivery the suite wants turned into a request: a fixture's body (or a hostile
/// variant of it), the secret to sign it with or write into it, and when it arrived.
public struct ConformanceDelivery: Sendable {
    /// The fixture it comes from, and the variant (`order.success.form, truncated at 10`).
    public var name: String
    public var fileExtension: String
    public var body: [UInt8]
    /// The instance's secret for a genuine delivery, another value for a forged one.
    public var secret: String
    public var receivedAt: Date

    public init(name: String, fileExtension: String, body: [UInt8], secret: String, receivedAt: Date) {
        self.name = name
        self.fileExtension = fileExtension
        self.body = body
        self.secret = secret
        self.receivedAt = receivedAt
    }
}
