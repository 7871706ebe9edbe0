import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening socket on a free loopback port that serves each connection on a thread of
/// its own: the accept loop every mock server shares.
public final class LoopbackListener: Sendable {
    /// The port it listens on.
    public let port: Int
    private let descriptor: Int32
    private let stopped = Atomic<Bool>(false)

    /// Binds and listens; nothing is accepted until ``start(_:)``.
    public init(backlog: Int32 = 16) throws {
        (descriptor, port) = try LoopbackSocket.open(listening: true, backlog: backlog)
    }

    /// Accepts connections from now on, handing each to `serve`; the connection is closed
    /// when `serve` returns.
    public func start(_ serve: @escaping @Sendable (Int32) -> Void) {
        let listener = self
        Thread.detachNewThread { listener.acceptLoop(serve) }
    }

    /// Whether ``stop()`` was called; long-running handlers may end early.
    public var isStopped: Bool { stopped.load(ordering: .sequentiallyConsistent) }

    /// Stops accepting connections; connections already open run to their end.
    public func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        // Wakes the blocked `accept`; only the accept thread closes the descriptor, so the
        // number cannot be reused under it.
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private func acceptLoop(_ serve: @escaping @Sendable (Int32) -> Void) {
        defer { close(descriptor) }
        while true {
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { return }
            guard !stopped.load(ordering: .sequentiallyConsistent) else {
                close(connection)
                return
            }
            Thread.detachNewThread {
                defer { close(connection) }
                serve(connection)
            }
        }
    }
}
