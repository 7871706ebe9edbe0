import AccessKernel
import AdapterKit
import Foundation

/// The checks every provider adapter must pass, run against a directory of recorded
/// deliveries (see ``ConformanceFixture`` for the directory convention).
///
/// Framework-free so that any test runner, or a script, can use it:
///
/// ```swift
/// let suite = ConformanceSuite<MyAdapter>(instance: instance, fixturesDirectory: url) { delivery in
///     InboundRequest(headers: [("Content-Type", "application/json"),
///                              ("X-Signature", sign(delivery.body, with: delivery.secret))],
///                    body: delivery.body, receivedAt: delivery.receivedAt)
/// }
/// let report = suite.run()
/// print(report)
/// #expect(report.failures.isEmpty)
/// ```
///
/// What it checks: each fixture decodes to its golden facts (or `ignored`); wrong, near-miss
/// and empty secrets are refused `unauthenticated`; a missing secret makes `init` throw
/// `misconfigured`; empty, truncated, random, huge, UTF-16, invalid UTF-8 and deeply
/// nested bodies are refused `malformed` and a wrong `Content-Type` is refused; the same
/// delivery twice gives the same keys; decoding is deterministic; test-mode deliveries
/// give test facts and are ignored by an instance that does not accept them; an unknown
/// event is ignored; facts carry the instance and non-empty, unique keys; and one key
/// never names two different facts. A crash ends the run, which fails any test runner.
public struct ConformanceSuite<Adapter: ProviderAdapter>: Sendable {
    /// Turns a delivery into the request the provider would make: the `Content-Type` of
    /// its encoding, and a signature (or secret field) made with `delivery.secret`.
    public typealias RequestFactory = @Sendable (ConformanceDelivery) -> InboundRequest

    /// The instance the fixtures were recorded for.
    public var instance: AdapterInstance
    public var fixturesDirectory: URL
    /// The secret the factory signs with (default: the kind's first required secret).
    public var secretName: String
    public var makeRequest: RequestFactory
    /// When fixture deliveries arrive; golden facts that fall back to it depend on it.
    public var receivedAt: Date
    /// Encodings whose bodies show where they end (JSON does; a form body does not, so a
    /// cut form body may read as a shorter valid one: the HTTP layer's length check
    /// guards those). Truncated bodies in these encodings must be refused.
    public var selfDelimitingExtensions: Set<String>
    /// The size of the "huge body" check; adapters must refuse bodies this large.
    public var hugeBodySize: Int
    /// At most this many truncation points per fixture (spread over the body).
    public var truncationPoints: Int

    /// A suite for `instance` over the fixtures in `fixturesDirectory`; `makeRequest`
    /// turns each delivery into the request the provider would make.
    public init(instance: AdapterInstance, fixturesDirectory: URL, secretName: String? = nil,
                receivedAt: Date = Date(timeIntervalSince1970: 1_720_000_000),
                selfDelimitingExtensions: Set<String> = ["json"], hugeBodySize: Int = 2 << 20,
                truncationPoints: Int = 64, makeRequest: @escaping RequestFactory) {
        self.instance = instance
        self.fixturesDirectory = fixturesDirectory
        self.secretName = secretName ?? Adapter.kind.requiredSecrets.first ?? "secret"
        self.makeRequest = makeRequest
        self.receivedAt = receivedAt
        self.selfDelimitingExtensions = selfDelimitingExtensions
        self.hugeBodySize = hugeBodySize
        self.truncationPoints = truncationPoints
    }

    /// A suite for the instance described by the directory's `instance.json`.
    public init(fixturesDirectory: URL, makeRequest: @escaping RequestFactory) throws {
        let instance = try AdapterInstance(fixtureFile: fixturesDirectory.appendingPathComponent("instance.json"))
        self.init(instance: instance, fixturesDirectory: fixturesDirectory, makeRequest: makeRequest)
    }

    /// The instance's value of ``secretName``.
    public var secret: String { instance.secrets[secretName] ?? "" }

    /// Runs every check and reports each one.
    public func run() -> ConformanceReport {
        let name = "\(Adapter.kind.displayName) adapter (\(Adapter.kind.name))"
        let directory: FixtureDirectory
        do {
            directory = try FixtureDirectory(fixturesDirectory)
        } catch {
            return ConformanceReport(adapter: name, checks: [
                ConformanceCheck(name: "fixtures directory is readable", passed: false,
                                 detail: "\(fixturesDirectory.path): \(error)"),
            ])
        }
        var checks = [fixtureDirectoryCheck(directory), configurationCheck()]
        let adapter: Adapter
        do throws(AdapterError) {
            adapter = try Adapter(instance: instance)
        } catch {
            checks.append(ConformanceCheck(name: "adapter accepts its instance", passed: false,
                                           detail: "init(instance:) threw \(error)"))
            return ConformanceReport(adapter: name, checks: checks)
        }
        let run = FixtureRun(suite: self, adapter: adapter, directory: directory)
        checks += run.goldenChecks()
        checks += run.secretChecks()
        checks += run.hostileBodyChecks()
        checks += run.repeatabilityChecks()
        checks += run.testModeChecks()
        checks += run.unknownEventChecks()
        checks += run.factShapeChecks()
        return ConformanceReport(adapter: name, checks: checks)
    }

    /// A genuine delivery of a fixture, as the factory makes it.
    func request(_ fixture: ConformanceFixture, body: [UInt8]? = nil, variant: String? = nil,
                 secret: String? = nil, receivedAt: Date? = nil) -> InboundRequest {
        makeRequest(ConformanceDelivery(name: variant.map { "\(fixture.fileName), \($0)" } ?? fixture.fileName,
                                        fileExtension: fixture.fileExtension, body: body ?? fixture.body,
                                        secret: secret ?? self.secret, receivedAt: receivedAt ?? self.receivedAt))
    }

    private func fixtureDirectoryCheck(_ directory: FixtureDirectory) -> ConformanceCheck {
        var problems = directory.problems
        if directory.fixtures.isEmpty { problems.append("no fixture in \(fixturesDirectory.path)") }
        for fixture in directory.fixtures where !fixture.isUnknownEvent && directory.expectations[fixture.name] == nil {
            problems.append("\(fixture.fileName) has no \(fixture.name).expected.json")
        }
        return .from("fixtures directory follows the convention", problems: problems,
                     note: "\(directory.fixtures.count) fixtures, \(directory.expectations.count) expected files")
    }

    /// Every required secret, when missing, makes `init` throw `misconfigured`.
    private func configurationCheck() -> ConformanceCheck {
        var problems: [String] = []
        for name in Adapter.kind.requiredSecrets {
            for value in [nil, ""] as [String?] {
                var broken = instance
                broken.secrets[name] = value
                do throws(AdapterError) {
                    _ = try Adapter(instance: broken)
                    problems.append("init succeeded with secret \(name) \(value == nil ? "missing" : "empty")")
                } catch where error.kind != .misconfigured {
                    problems.append("secret \(name) \(value == nil ? "missing" : "empty"): threw \(error.kind.rawValue), not misconfigured")
                } catch {}
            }
        }
        return .from("a missing secret is a misconfiguration", problems: problems)
    }
}
