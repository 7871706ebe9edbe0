#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Mocks

/// A loopback port that is bound but not listening, so connecting to it is refused; holding the
/// socket keeps any other process from taking the port while the test runs.
final class ClosedPort {
    let port: Int
    private let descriptor: Int32

    init() throws {
        (descriptor, port) = try LoopbackSocket.open(listening: false)
    }

    deinit { close(descriptor) }
}
