import Foundation
import Mocks
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback listener that accepts each connection, reads the request, and closes the
/// connection without answering: a server that drops the connection.
final class DroppingServer: Sendable {
    let port: Int
    private let listener: Int32

    init() throws {
        (listener, port) = try LoopbackSocket.open(listening: true, backlog: 8)
        let server = self
        Thread.detachNewThread { server.dropConnections() }
    }

    /// Stops accepting; the accept thread closes the listener, so its number is not reused under it.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func dropConnections() {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = buffer.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            close(connection)
        }
    }
}
