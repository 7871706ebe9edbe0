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
    private let listener: LoopbackListener

    init() throws {
        listener = try LoopbackListener(backlog: 8)
        port = listener.port
        listener.start { connection in
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = buffer.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
        }
    }

    /// Stops accepting connections.
    func stop() { listener.stop() }
}
