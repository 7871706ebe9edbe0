import AccessKernel
import AdapterKit

/// The adapters serving `POST /webhooks/{instance}`, one per configured instance.
public struct WebhookInstances: Sendable {
    /// Adapters by instance id.
    public var adapters: [InstanceID: any ProviderAdapter]

    public init(adapters: [InstanceID: any ProviderAdapter]) {
        self.adapters = adapters
    }

    /// Every configured instance id, sorted.
    public var ids: [InstanceID] { adapters.keys.sorted() }
}
