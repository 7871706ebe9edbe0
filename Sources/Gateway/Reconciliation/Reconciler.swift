import AccessKernel
import AccessStore
import AdapterKit
import Foundation
import Logging

/// Recovers what webhooks never delivered: lists an instance's recent orders through its
/// provider's API and records the facts the store does not have yet.
///
/// The API's facts carry the keys the webhooks' facts would have had, so a fact already
/// recorded (by a webhook or an earlier run) is recognised and skipped: a second run, or the
/// late webhook after a run, changes nothing.
public struct Reconciler: Sendable {
    public let store: any AccessStore
    public let mapping: MappingVersion

    public init(store: any AccessStore, mapping: MappingVersion) {
        self.store = store
        self.mapping = mapping
    }

    /// What a run found and did.
    public struct Report: Sendable {
        /// How many facts the provider's API gave for the period.
        public var listed: Int
        /// The facts no webhook had delivered, in the order they happened.
        public var missing: [Fact]
        /// What recording them changed (nothing on a dry run).
        public var events: [AccessEvent]
        /// Customers created by recording them.
        public var newCustomers: [Int64]
        public var dryRun: Bool
    }

    /// Lists `api`'s facts since `since` and records the missing ones, unless `dryRun`.
    ///
    /// - Parameter progress: told after each page how many provider records were read.
    public func run(api: any ProviderAPI, since: Date, dryRun: Bool, now: Date = Date(),
                    progress: @Sendable (Int) -> Void = { _ in }) async throws -> Report {
        let listed = try await api.recentFacts(since: since, progress: progress)
        var seen = Set<FactKey>()
        let unique = listed.filter { seen.insert($0.key).inserted }
        let stored = try await store.storedKeys(among: unique.map(\.key))
        let missing = unique.filter { !stored.contains($0.key) }
            .sorted { ($0.occurredAt, $0.key) < ($1.occurredAt, $1.key) }
        guard !dryRun, !missing.isEmpty else {
            return Report(listed: listed.count, missing: missing, events: [], newCustomers: [], dryRun: dryRun)
        }
        let outcome = try await store.record(missing, under: mapping, now: now)
        return Report(listed: listed.count, missing: missing, events: outcome.events, newCustomers: outcome.newCustomers,
                      dryRun: false)
    }
}
