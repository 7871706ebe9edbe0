import AccessKernel
import AdapterKit
import MappingConfig
import NativeCheckout
import SendOwl
import ThriveCart

/// The adapter kinds this gateway can run, by the `kind:` name of the mapping file, each
/// with the factory that makes one adapter per configured instance.
///
/// ``standard`` holds the adapters built into Coursegate; tests and third-party builds add
/// their own kinds with ``register(_:)`` or ``register(kind:factory:)``.
public struct AdapterRegistry: Sendable {
    /// Makes the adapter of one instance from its resolved secrets.
    public typealias Factory = @Sendable (AdapterInstance) throws(AdapterError) -> any ProviderAdapter

    private var entries: [String: (kind: ProviderKind, factory: Factory)] = [:]

    /// An empty registry.
    public init() {}

    /// The adapters shipped with Coursegate: ThriveCart, SendOwl and the native checkout.
    public static var standard: AdapterRegistry {
        var registry = AdapterRegistry()
        registry.register(ThriveCartAdapter.self)
        registry.register(SendOwlAdapter.self)
        registry.register(NativeCheckoutAdapter.self)
        return registry
    }

    /// Adds (or replaces) the kind an adapter type implements.
    public mutating func register<Adapter: ProviderAdapter>(_ adapter: Adapter.Type) {
        register(kind: Adapter.kind) { (instance) throws(AdapterError) -> any ProviderAdapter in
            try Adapter(instance: instance)
        }
    }

    /// Adds (or replaces) a kind with an explicit factory.
    public mutating func register(kind: ProviderKind, factory: @escaping Factory) {
        entries[kind.name] = (kind, factory)
    }

    /// The kinds with an adapter.
    public var kinds: [ProviderKind] { entries.values.map(\.kind).sorted { $0.name < $1.name } }

    /// Makes the adapter of every instance of `mapping`, with secrets resolved from
    /// `environment`.
    ///
    /// - Throws: ``GatewayStartupError`` naming the instance, the secret and the variable
    ///   when a required secret cannot be resolved, or when an adapter refuses its instance.
    public func adapters(for mapping: Mapping, environment: [String: String]) throws(GatewayStartupError) -> WebhookInstances {
        var adapters: [InstanceID: any ProviderAdapter] = [:]
        for instance in mapping.instances.values.sorted(by: { $0.id < $1.id }) {
            adapters[instance.id] = try adapter(for: instance, environment: environment)
        }
        return WebhookInstances(adapters: adapters)
    }

    /// Makes the adapter of one instance, with secrets resolved from `environment`.
    ///
    /// - Throws: ``GatewayStartupError`` as ``adapters(for:environment:)`` does.
    public func adapter(for instance: ProviderInstance, environment: [String: String]) throws(GatewayStartupError) -> any ProviderAdapter {
        // A mapping checked against these kinds names no other; a hand-made one might.
        guard let entry = entries[instance.kind] else { throw .unknownKind(instance: instance.id, kind: instance.kind) }
        var secrets: [String: String] = [:]
        for (name, reference) in instance.secrets {
            if let value = SecretReference.resolve(reference, environment: environment), !value.isEmpty {
                secrets[name] = value
            } else if entry.kind.requiredSecrets.contains(name) {
                throw .missingSecret(instance: instance.id, secret: name, variable: SecretReference.variable(in: reference))
            }
        }
        for name in entry.kind.requiredSecrets where secrets[name] == nil {
            throw .missingSecret(instance: instance.id, secret: name, variable: nil)
        }
        do {
            return try entry.factory(AdapterInstance(id: instance.id, secrets: secrets, acceptsTestEvents: instance.acceptsTestEvents))
        } catch {
            throw .adapterRefused(instance: instance.id, error)
        }
    }
}
