import AccessKernel
import AccessStore
import MappingConfig

/// Earlier mapping versions read back from the store: the ones facts are still pinned to
/// (a mapping applied to new purchases only), and any one to roll back to.
public enum MappingHistory {
    /// The versions facts are pinned to, parsed, by id. A stored text that no longer parses
    /// (a provider kind removed from this build) is left out; its facts follow the mapping in force.
    public static func pinned(in store: any MappingChanges, kinds: [ProviderKind]) async throws -> [Int64: Mapping] {
        var result: [Int64: Mapping] = [:]
        for stored in try await store.pinnedVersions() {
            if let file = try? parse(stored, kinds: kinds) { result[stored.id] = file.mapping }
        }
        return result
    }

    /// A stored version parsed again (its `env:` secrets are not resolved here).
    public static func parse(_ stored: StoredMappingText, kinds: [ProviderKind]) throws(MappingRejection) -> MappingFile {
        try MappingFile.parse(stored.text, path: stored.path, kinds: kinds)
    }

    /// `version` with the earlier versions its facts may follow, ready to record or backfill under.
    public static func withPinned(_ version: MappingVersion, store: any MappingChanges,
                                  kinds: [ProviderKind]) async throws -> MappingVersion {
        var complete = version
        complete.earlier = try await pinned(in: store, kinds: kinds)
        complete.timeline = try await store.routingTimeline()
        return complete
    }
}
