import Foundation
import Outbound
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mock provider API on a loopback port: a handler answers each request, and switchable
/// failure modes (500s, 429 with `Retry-After`, slow answers, dropped connections) stand in
/// for a provider having a bad day. Every request is kept for assertions (auth headers,
/// paging, the spacing of calls).
///
/// The mock APIs of ThriveCart, SendOwl and Stripe are handlers on this server.
public final class MockAPIServer: Sendable {
    /// One request as the server read it.
    public struct Request: Sendable {
        public let method: String
        /// The path without the query string.
        public let path: String
        /// The query string's parameters, percent-decoded (the last value of a repeated name).
        public let query: [String: String]
        public let headers: [HTTPHeader]
        public let body: [UInt8]
        /// When it arrived.
        public let receivedAt: ContinuousClock.Instant

        /// The body read as `application/x-www-form-urlencoded` (Stripe, ThriveCart actions).
        public var form: [String: String] { Self.decodeForm(String(decoding: body, as: UTF8.self)) }

        /// The body parsed as a JSON object, or `nil`.
        public var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }

        static func decodeForm(_ text: String) -> [String: String] {
            var result: [String: String] = [:]
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[0])
                let value = parts.count > 1
                    ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[1])) : ""
                result[name] = value
            }
            return result
        }
    }

    /// What the handler answers.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// A JSON answer of any `JSONSerialization` value (sorted keys, so answers are stable).
        public static func json(_ status: Int, _ value: Any) -> Response {
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
            return Response(status: status, headers: [("Content-Type", "application/json")], body: Array(data))
        }
    }

    public let port: Int
    /// `http://127.0.0.1:PORT`, the base URL to give the API client.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let listener: LoopbackListener
    private let handler: @Sendable (Request) -> Response
    private let log = Mutex<[Request]>([])
    private let failures = Mutex(CourseSiteFailures())

    /// Starts listening on a free loopback port; `handler` answers every request the failure
    /// modes let through.
    public init(handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        listener = try LoopbackListener()
        port = listener.port
        let server = self
        listener.start { server.serve($0) }
    }

    /// Every request that arrived, failed ones included, in order of arrival.
    public var requests: [Request] { log.withLock { $0 } }

    /// Answers the next `count` requests with `status` (500 unless told).
    public func failNext(_ count: Int, status: Int = 500) {
        failures.withLock { $0.failuresLeft = count; $0.failureStatus = status }
    }

    /// Answers the next `count` requests 429 with `Retry-After: retryAfter`.
    public func throttleNext(_ count: Int, retryAfter: String = "1") {
        failures.withLock { $0.throttlesLeft = count; $0.throttleStatus = 429; $0.retryAfter = retryAfter }
    }

    /// Reads the next `count` requests and closes their connections without answering.
    public func dropNext(_ count: Int) { failures.withLock { $0.dropsLeft = count } }

    /// Waits `delay` before every answer from now on (`nil` to stop).
    public func answerSlowly(after delay: Duration?) { failures.withLock { $0.delay = delay } }

    public func stop() { listener.stop() }

    private func serve(_ socket: Int32) {
        guard let raw = LoopbackHTTPRequest.read(from: socket) else { return }
        let parts = raw.path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let request = Request(method: raw.method, path: String(parts[0]),
                              query: parts.count > 1 ? Request.decodeForm(String(parts[1])) : [:],
                              headers: raw.headers, body: raw.body, receivedAt: .now)
        log.withLock { $0.append(request) }
        let (failure, delay) = failures.withLock { ($0.next(), $0.delay) }
        if let delay { waitWhileRunning(delay) }
        switch failure {
        case .drop:
            return
        case .answer(let status, let headers):
            write(Response.json(status, ["error": "failing on purpose"]).with(headers), to: socket)
        case nil:
            write(handler(request), to: socket)
        }
    }

    private func waitWhileRunning(_ delay: Duration) {
        let end = ContinuousClock.now + delay
        while ContinuousClock.now < end, !listener.isStopped { Thread.sleep(forTimeInterval: 0.02) }
    }

    private func write(_ response: Response, to socket: Int32) {
        var head = "HTTP/1.1 \(response.status) Mock\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + response.body
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Self.noSignal) }
            guard result > 0 else { return }
            sent += result
        }
    }

    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0
    #endif
}

extension MockAPIServer.Response {
    fileprivate func with(_ extra: [(String, String)]) -> Self {
        var copy = self
        copy.headers += extra
        return copy
    }
}
