import AccessKernel
import Foundation

/// A provider adapter: translates one provider's inbound webhooks into facts.
///
/// An adapter is a value made from one instance's configuration; several instances of
/// one kind (two ThriveCart accounts) are several values side by side. It knows its
/// provider and this contract, nothing else.
public protocol ProviderAdapter: Sendable {
    /// The kind this adapter implements, with its secrets and default policies.
    static var kind: ProviderKind { get }

    /// Makes the adapter for one configured instance; throws when a secret is missing.
    init(instance: AdapterInstance) throws(AdapterError)

    /// Verifies and decodes one inbound request. Never crashes and never decodes half a
    /// payload: the answer is facts, `ignored`, or a typed ``AdapterError``.
    func verify(_ request: InboundRequest) throws(AdapterError) -> Verdict

    /// The provider's API for this instance, reached through `connection`, or `nil` when the
    /// provider has none or the instance has no API credentials.
    func api(_ connection: ProviderConnection) -> (any ProviderAPI)?
}

extension ProviderAdapter {
    /// No API unless the adapter offers one.
    public func api(_ connection: ProviderConnection) -> (any ProviderAPI)? { nil }
}

/// One configured instance as an adapter sees it: its name and resolved secrets.
public struct AdapterInstance: Sendable, Hashable {
    public var id: InstanceID
    /// Secret values by name, already resolved from `env:NAME`.
    public var secrets: [String: String]
    /// Whether test-mode events are recorded; when not, the adapter answers `ignored`.
    public var acceptsTestEvents: Bool

    public init(id: InstanceID, secrets: [String: String], acceptsTestEvents: Bool = true) {
        self.id = id
        self.secrets = secrets
        self.acceptsTestEvents = acceptsTestEvents
    }

    /// The secret `name`, or an error naming the instance and the secret.
    public func secret(_ name: String) throws(AdapterError) -> String {
        guard let value = secrets[name], !value.isEmpty else {
            throw AdapterError(.misconfigured, "instance \(id) has no secret \(name)")
        }
        return value
    }
}

/// An inbound HTTP request as the gateway received it.
public struct InboundRequest: Sendable {
    public var method: String
    /// Header fields; look them up with ``header(_:)``, which ignores case.
    public var headers: [(name: String, value: String)]
    /// The raw body, exactly as received (signatures are over these bytes).
    public var body: [UInt8]
    public var receivedAt: Date

    public init(method: String = "POST", headers: [(name: String, value: String)], body: [UInt8],
                receivedAt: Date) {
        self.method = method
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The media type of the body, without parameters, lower-cased (`application/json`).
    public var mediaType: String? {
        header("Content-Type").map {
            String($0.split(separator: ";", maxSplits: 1)[0]).trimmingCharacters(in: .whitespaces).lowercased()
        }
    }
}

/// What an adapter made of a request it authenticated.
public enum Verdict: Sendable, Hashable {
    /// Facts to record, each with its idempotency key.
    case facts([Fact])
    /// An event the adapter does not act on; answered 2xx so the provider stops retrying.
    case ignored(reason: String)
}
