import Foundation
import Outbound
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 request read from a blocking socket, for the mock HTTP servers: enough of the
/// protocol for libcurl's requests (request line, headers, a `Content-Length` body), one after
/// another on a kept-alive connection.
struct LoopbackHTTPRequest: Sendable {
    let method: String
    let path: String
    /// The protocol of the request line, for example `HTTP/1.1`.
    let version: String
    let headers: [HTTPHeader]
    let body: [UInt8]

    /// The largest head or body read; a bigger request is treated as a broken connection.
    static let maxBytes = 1 << 20

    /// Whether the client lets the connection stay open after the answer: HTTP/1.1 unless it
    /// sent `Connection: close`, HTTP/1.0 only when it asked for `keep-alive`.
    var keepsConnectionOpen: Bool {
        let tokens = (headers["Connection"] ?? "").lowercased().split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if tokens.contains("close") { return false }
        return version == "HTTP/1.1" || tokens.contains("keep-alive")
    }

    /// Reads the only request a connection is served for, or `nil` when the peer closed it or
    /// sent something that is not a request; anything sent after that request is ignored.
    static func read(from socket: Int32) -> LoopbackHTTPRequest? {
        var buffer: [UInt8] = []
        return read(from: socket, buffer: &buffer)
    }

    /// Reads the next request on `socket`, or `nil` when the peer closed the connection or sent
    /// something that is not a request.
    ///
    /// `buffer` carries what was received past one request to the next: start each connection
    /// with an empty one and pass the same one back for every request on it.
    static func read(from socket: Int32, buffer: inout [UInt8]) -> LoopbackHTTPRequest? {
        let terminator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        var headEnd = buffer.firstRange(of: terminator)?.lowerBound
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
        let bodyStart = headEnd + terminator.count
        while buffer.count - bodyStart < length {
            guard receive(into: &buffer, from: socket) else { return nil }
        }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        // Whatever came after the body is the start of the next request.
        buffer.removeSubrange(..<(bodyStart + length))
        return LoopbackHTTPRequest(method: String(requestLine[0]), path: String(requestLine[1]),
                                   version: String(requestLine[2]), headers: headers, body: body)
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
