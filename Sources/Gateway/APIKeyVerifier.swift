import AccessStore
import Foundation
import Hummingbird

/// Checks `Authorization: Bearer KEY` against the store, remembering keys it verified for
/// a short time so the access check does not hash and query on every request.
final class APIKeyVerifier: Sendable {
    private let store: any AccessStore
    private let lifetime: Duration
    private let cache = KeyCache()

    init(store: any AccessStore, lifetime: Duration) {
        self.store = store
        self.lifetime = lifetime
    }

    /// The key the request carries, if it is live and allows `scope`.
    ///
    /// - Throws: ``GatewayError`` 401 when the header is missing or the key is unknown,
    ///   403 when the key's scope is too narrow.
    @discardableResult
    func authenticate(_ request: Request, scope: APIKey.Scope) async throws -> APIKey {
        guard let secret = Self.bearerToken(request.headers[.authorization]) else { throw GatewayError.missingKey }
        let now = ContinuousClock.now
        let key: APIKey
        let generation = cache.generation
        if let cached = cache.key(for: secret, at: now) {
            key = cached
        } else if let stored = try await store.key(secret: secret) {
            cache.remember(stored, for: secret, until: now + lifetime, readAt: generation)
            key = stored
        } else {
            throw GatewayError.invalidKey
        }
        guard key.scope.allows(scope) else {
            throw GatewayError(.forbidden, code: "forbidden", message: "this needs a key with the \(scope.rawValue) scope")
        }
        return key
    }

    /// Forgets a revoked key, so the next request carrying it is refused at once rather
    /// than when its cache entry would have run out.
    func forget(keyID: Int64) {
        cache.forget(keyID: keyID)
    }

    /// The token of `Bearer TOKEN` (scheme in any case), or `nil`; byte-level, as it runs
    /// on every access check.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let bytes = header.utf8
        let scheme = "bearer".utf8
        guard bytes.count > scheme.count,
              zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        let rest = bytes.dropFirst(scheme.count)
        guard rest.first == UInt8(ascii: " ") else { return nil }
        guard let start = rest.firstIndex(where: { $0 != UInt8(ascii: " ") }),
              let end = rest.lastIndex(where: { $0 != UInt8(ascii: " ") }) else { return nil }
        return String(Substring(header.utf8[start...end]))
    }
}

/// Verified keys by secret, each until a deadline; only keys that exist are kept, so its
/// size is bounded by the number of keys in use.
private final class KeyCache: @unchecked Sendable {
    // Safe: every access to `entries` and `revocations` holds `lock`.
    private let lock = NSLock()
    private var entries: [String: (key: APIKey, until: ContinuousClock.Instant)] = [:]
    private var revocations: UInt64 = 0

    /// Changes with every revocation; a key read before one is not remembered.
    var generation: UInt64 { lock.withLock { revocations } }

    func key(for secret: String, at now: ContinuousClock.Instant) -> APIKey? {
        lock.withLock {
            guard let entry = entries[secret], entry.until > now else { return nil }
            return entry.key
        }
    }

    func forget(keyID: Int64) {
        lock.withLock {
            revocations &+= 1
            entries = entries.filter { $0.value.key.id != keyID }
        }
    }

    /// Keeps a key read from the store when no key was revoked since `generation` (the
    /// read may have raced the revocation).
    func remember(_ key: APIKey, for secret: String, until deadline: ContinuousClock.Instant, readAt generation: UInt64) {
        lock.withLock {
            guard generation == revocations else { return }
            if entries.count >= 1024 { entries.removeAll(keepingCapacity: true) }
            entries[secret] = (key, deadline)
        }
    }
}
