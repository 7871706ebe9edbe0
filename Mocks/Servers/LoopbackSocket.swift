#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP socket bound to a free port on 127.0.0.1, for the mock servers and for tests that
/// need a port nothing answers on.
public enum LoopbackSocket {
    /// Binds a new socket to a free loopback port; with `listening`, also listens. The
    /// caller owns the descriptor.
    public static func open(listening: Bool, backlog: Int32 = 16) throws -> (descriptor: Int32, port: Int) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw MockServerError.cannotListen }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && (!listening || listen(fd, backlog) == 0)
                    && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else {
            close(fd)
            throw MockServerError.cannotListen
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
