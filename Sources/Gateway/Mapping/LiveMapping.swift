import AccessKernel
import AccessStore
import AdapterKit
import Foundation
import MappingConfig
import Synchronization

/// The mapping in force, swapped atomically while serving. Every request and commit reads
/// one ``Snapshot`` when it starts and keeps it to the end: a webhook is verified by the
/// adapters it began with, and a group commit decides access under the one version it read
/// (which each access event records), so nothing mixes two versions.
public final class LiveMapping: Sendable {
    /// Everything that follows from one mapping version.
    public struct Snapshot: Sendable {
        public var version: MappingVersion
        public var file: MappingFile
        /// The adapters of its instances, for `/webhooks/{instance}`.
        public var instances: WebhookInstances
        /// Provider APIs of its instances, for the support tools.
        public var providers: [InstanceID: any ProviderAPI]
        /// When it was put in force here.
        public var since: Date
    }

    /// The last reload that was refused, with every problem.
    public struct Rejection: Sendable {
        public var at: Date
        public var path: String
        public var issues: [MappingIssue]
    }

    private let state: Mutex<(current: Snapshot, rejection: Rejection?)>

    public init(_ snapshot: Snapshot) {
        state = Mutex((snapshot, nil))
    }

    /// The mapping in force now.
    public var current: Snapshot { state.withLock { $0.current } }

    /// The last refused reload since the last good one, if any.
    public var lastRejection: Rejection? { state.withLock { $0.rejection } }

    /// Puts `snapshot` in force for every request that starts from now on.
    func swap(_ snapshot: Snapshot) {
        state.withLock { $0 = (snapshot, nil) }
    }

    /// Notes a refused reload; the mapping in force stays.
    func reject(_ rejection: Rejection) {
        state.withLock { $0.rejection = rejection }
    }
}
