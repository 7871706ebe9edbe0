import Foundation
import Synchronization

/// A signed-in browser: who (`subject`, `name`), its form token, when it ends, and the
/// message the next page shows.
public struct WebSession: Sendable, Hashable {
    /// What signed in: an API key's id for the admin pages, a customer's id for the hub.
    public var subject: Int64
    public var name: String
    /// Every form of the session carries it; a POST without it is refused.
    public var csrf: String
    public var expiresAt: Date
    /// Shown once by the next page (post-redirect-get), then cleared.
    public var flash: Flash?

    /// A one-time message, good (`notice`) or bad (`error`).
    public struct Flash: Sendable, Hashable {
        public var message: String
        public var isError: Bool

        public init(_ message: String, isError: Bool = false) {
            self.message = message
            self.isError = isError
        }
    }
}

/// Sessions in memory, found by the SHA-256 of their cookie's token (the token itself is
/// kept nowhere), each ending after a fixed lifetime.
///
/// Memory is enough for a single gateway process: a restart signs everybody out, which for
/// a handful of staff costs one sign-in.
public final class WebSessions: Sendable {
    private let lifetime: TimeInterval
    private let sessions = Mutex<[String: WebSession]>([:])

    public init(lifetime: TimeInterval = 12 * 3600) {
        self.lifetime = lifetime
    }

    /// Starts a session and returns its token (for the cookie) and the session.
    public func start(subject: Int64, name: String, now: Date = Date()) -> (token: String, session: WebSession) {
        let token = RandomToken.make()
        let session = WebSession(subject: subject, name: name, csrf: RandomToken.make(),
                                 expiresAt: now.addingTimeInterval(lifetime))
        sessions.withLock { all in
            all = all.filter { $0.value.expiresAt > now }
            all[RandomToken.hash(token)] = session
        }
        return (token, session)
    }

    /// The live session of `token`; an expired one is removed and not returned.
    public func session(token: String?, now: Date = Date()) -> WebSession? {
        guard let token, !token.isEmpty else { return nil }
        let key = RandomToken.hash(token)
        return sessions.withLock { all in
            guard let session = all[key] else { return nil }
            guard session.expiresAt > now else {
                all[key] = nil
                return nil
            }
            return session
        }
    }

    /// Sets the message the session's next page shows.
    public func flash(token: String?, _ flash: WebSession.Flash) {
        guard let token else { return }
        let key = RandomToken.hash(token)
        sessions.withLock { $0[key]?.flash = flash }
    }

    /// The pending message, cleared as it is taken.
    public func takeFlash(token: String?) -> WebSession.Flash? {
        guard let token else { return nil }
        let key = RandomToken.hash(token)
        return sessions.withLock { all in
            let flash = all[key]?.flash
            all[key]?.flash = nil
            return flash
        }
    }

    /// Ends the session of `token` (sign-out).
    public func end(token: String?) {
        guard let token else { return }
        let key = RandomToken.hash(token)
        _ = sessions.withLock { $0.removeValue(forKey: key) }
    }

    /// Ends every session of `subject` (a revoked key).
    public func end(subject: Int64) {
        sessions.withLock { all in all = all.filter { $0.value.subject != subject } }
    }

    /// How many sessions are stored (for tests).
    public var count: Int { sessions.withLock { $0.count } }

    /// The stored keys (hashes), for tests that prove no token is kept.
    public var storedKeys: [String] { sessions.withLock { Array($0.keys) } }
}
