import Foundation
import Outbound
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 request read from a blocking socket, for the mock HTTP servers: enough of the
/// protocol for libcurl's requests (request line, headers, a `Content-Length` body).
struct LoopbackHTTPRequest: Sendable {
    let method: String
    let path: String
    let headers: [HTTPHeader]
    let body: [UInt8]

    /// The largest head or body read; a bigger request is treated as a broken connection.
    static let maxBytes = 1 << 20

    /// Reads one request, or `nil` when the peer closed the connection or sent something that is
    /// not a request.
    static func read(from socket: Int32) -> LoopbackHTTPRequest? {
        var buffer: [UInt8] = []
        let terminator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        var headEnd: Int?
        while headEnd == nil {
            guard buffer.count < maxBytes, receive(into: &buffer, from: socket) else { return nil }
            headEnd = buffer.firstRange(of: terminator)?.lowerBound
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        let headers = lines.compactMap { line -> HTTPHeader? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return HTTPHeader(name: String(line[..<colon]),
                              value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers["Content-Length"].flatMap { Int($0) } ?? 0
        guard length >= 0, length <= maxBytes else { return nil }
        var body = Array(buffer[(headEnd + terminator.count)...])
        while body.count < length {
            guard receive(into: &body, from: socket) else { return nil }
        }
        return LoopbackHTTPRequest(method: String(requestLine[0]), path: String(requestLine[1]),
                                   headers: headers, body: Array(body.prefix(length)))
    }

    /// Appends what the socket has to `buffer`; `false` when the peer closed it or it failed.
    private static func receive(into buffer: inout [UInt8], from socket: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}
