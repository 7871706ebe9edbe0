import AccessKernel
import AccessStore
import AdapterKit
import Foundation

/// Everything the store must offer the support tools.
public typealias SupportStore = AccessStore & CustomerDirectory & InboundLog

/// Records facts: the gateway's ``GroupCommitter`` (so caches and the outbox hear of it), or
/// the store directly in the CLI (``StoreRecorder``).
public protocol FactRecorder: Sendable {
    func record(_ facts: [Fact]) async throws -> RecordOutcome
}

/// What support staff do every day, in one place for the admin API and the CLI: find and
/// look at customers, edit their access, add and import them, revoke and restore, set
/// expiry, act on payments through the provider, change details, erase.
///
/// Every change is recorded as a fact carrying its actor (an API key's name, `cli`,
/// `import`), so it shows in the customer's timeline and reaches the sinks like any other.
public struct SupportDesk: Sendable {
    public let store: any SupportStore
    public let recorder: any FactRecorder
    private let source: @Sendable () -> (MappingVersion, [InstanceID: any ProviderAPI])

    /// The mapping in force (the live one in the gateway).
    public var mapping: MappingVersion { source().0 }
    /// Provider APIs by instance, for refunds, cancels and pauses.
    public var providers: [InstanceID: any ProviderAPI] { source().1 }

    public init(store: any SupportStore, mapping: MappingVersion, recorder: any FactRecorder,
                providers: [InstanceID: any ProviderAPI] = [:]) {
        self.store = store
        self.recorder = recorder
        self.source = { (mapping, providers) }
    }

    /// A desk following the gateway's live mapping.
    public init(store: any SupportStore, live: LiveMapping, recorder: any FactRecorder) {
        self.store = store
        self.recorder = recorder
        self.source = { let current = live.current; return (current.version, current.providers) }
    }
}

/// Records straight into the store under one mapping version (the CLI's recorder).
public struct StoreRecorder: FactRecorder {
    public let store: any AccessStore
    public let mapping: MappingVersion

    public init(store: any AccessStore, mapping: MappingVersion) {
        self.store = store
        self.mapping = mapping
    }

    public func record(_ facts: [Fact]) async throws -> RecordOutcome {
        try await store.record(facts, under: mapping, now: Date())
    }
}

extension GroupCommitter: FactRecorder {}
