import Foundation
import Outbound
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mock course site on a loopback port that receives our sink events as the real receiver
/// would: it verifies Standard Webhooks signatures, dedupes by `webhook-id`, and keeps every
/// event it stored for assertions.
///
/// `POST /webhooks` (any path is accepted) answers 401 when the signature is missing, bad or
/// stale, 200 otherwise; a redelivery of an id already stored is answered 200 and not stored
/// again. Failure modes (``failNext(_:status:)``, ``throttleNext(_:status:retryAfter:)``,
/// ``dropNext(_:)``, ``goAway()``, ``answerSlowly(after:)``) apply before the signature is
/// looked at, like a site that is down. Each connection is served on a thread of its own and
/// kept open for the next request (HTTP/1.1 keep-alive) until the client closes it or sends
/// `Connection: close`, so a client that reuses its connections can be measured doing so; a
/// dropped request closes its connection.
public final class MockCourseSite: Sendable {
    /// One event the site accepted and stored.
    public struct ReceivedEvent: Sendable, Hashable {
        /// The `webhook-id` it came with.
        public let id: String
        /// The `webhook-timestamp` of the attempt that was stored.
        public let timestamp: Int64
        /// The body as received.
        public let body: [UInt8]

        /// The `type` field of the body, if it is a JSON object with one.
        public var type: String? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
            return object["type"] as? String
        }
    }

    /// The port the site listens on.
    public let port: Int
    /// The URL to deliver to: `http://127.0.0.1:PORT/webhooks`.
    public var url: String { "http://127.0.0.1:\(port)/webhooks" }

    private let verifier: WebhookVerifier
    private let listener: LoopbackListener
    private let stored = Mutex<(events: [ReceivedEvent], ids: Set<String>)>(([], []))
    private let failures = Mutex(CourseSiteFailures())
    private let counts = Mutex((connections: 0, requests: 0, rejected: 0, redeliveries: 0))

    /// Starts listening on 127.0.0.1 at a free port, accepting signatures made with any of `secrets`.
    public init(secrets: [String], tolerance: Duration = .seconds(300)) throws {
        verifier = try WebhookVerifier(secrets: secrets, tolerance: tolerance)
        listener = try LoopbackListener()
        port = listener.port
        let site = self
        listener.start { site.serve($0) }
    }

    /// Every event stored, once per `webhook-id`, in order of arrival.
    public var events: [ReceivedEvent] { stored.withLock { $0.events } }
    /// How many connections were accepted; fewer than ``requestCount`` when clients kept them open.
    public var connectionCount: Int { counts.withLock { $0.connections } }
    /// How many requests arrived, failed, rejected and redelivered ones included.
    public var requestCount: Int { counts.withLock { $0.requests } }
    /// How many requests were answered 401.
    public var rejectedCount: Int { counts.withLock { $0.rejected } }
    /// How many valid requests repeated an id already stored.
    public var redeliveryCount: Int { counts.withLock { $0.redeliveries } }

    /// Answers the next `count` requests with `status` (500 unless told).
    public func failNext(_ count: Int, status: Int = 500) {
        failures.withLock { $0.failuresLeft = count; $0.failureStatus = status }
    }

    /// Answers the next `count` requests with `status` (429 unless told; 503 is the other
    /// status that carries it) and `Retry-After: retryAfter` (seconds or an HTTP-date).
    public func throttleNext(_ count: Int, status: Int = 429, retryAfter: String) {
        failures.withLock { $0.throttlesLeft = count; $0.throttleStatus = status; $0.retryAfter = retryAfter }
    }

    /// Reads the next `count` requests and closes their connections without answering.
    public func dropNext(_ count: Int) {
        failures.withLock { $0.dropsLeft = count }
    }

    /// Answers every request from now on 410 Gone, as a site that removed its receiver.
    public func goAway() {
        failures.withLock { $0.gone = true }
    }

    /// Waits `delay` before each answer the site gives as itself from now on (the failures
    /// asked for above are answered at once); `nil` answers at once again and lets the
    /// requests already waiting go on, so a test can hold answers until it has acted.
    public func answerSlowly(after delay: Duration?) {
        failures.withLock { $0.delay = delay }
    }

    /// Stops accepting connections; a connection already open is closed after its next answer.
    public func stop() { listener.stop() }

    /// Answers the requests of one connection, one after the other, until either side closes it.
    private func serve(_ socket: Int32) {
        counts.withLock { $0.connections += 1 }
        var buffer: [UInt8] = []
        while let request = LoopbackHTTPRequest.read(from: socket, buffer: &buffer) {
            counts.withLock { $0.requests += 1 }
            let failure = failures.withLock { $0.next() }
            if failure == nil { waitWhileSlow(since: .now) }
            let keepOpen = request.keepsConnectionOpen && !listener.isStopped
            let sent: Bool
            switch failure {
            case .drop:
                return
            case .answer(let status, let headers):
                sent = answer(status: status, headers: headers, body: "failing on purpose", keepOpen: keepOpen, to: socket)
            case nil:
                let (status, text) = receive(request)
                sent = answer(status: status, headers: [], body: text, keepOpen: keepOpen, to: socket)
            }
            guard sent, keepOpen else { return }
        }
    }

    /// Verifies, dedupes and stores one delivery; the status and body to answer with.
    private func receive(_ request: LoopbackHTTPRequest) -> (Int, String) {
        guard request.method == "POST" else { return (405, "POST only") }
        let id: String
        do {
            id = try verifier.verify(headers: request.headers, body: request.body)
        } catch {
            counts.withLock { $0.rejected += 1 }
            return (401, "\(error)")
        }
        let timestamp = request.headers["webhook-timestamp"].flatMap { Int64($0) } ?? 0
        let isNew = stored.withLock { stored in
            guard stored.ids.insert(id).inserted else { return false }
            stored.events.append(ReceivedEvent(id: id, timestamp: timestamp, body: request.body))
            return true
        }
        if !isNew { counts.withLock { $0.redeliveries += 1 } }
        return (200, isNew ? "stored" : "already stored")
    }

    /// Waits while the delay in force (read again and again, so a change applies to waiting
    /// requests too) has not passed since `start` and the site is running.
    private func waitWhileSlow(since start: ContinuousClock.Instant) {
        while let delay = failures.withLock({ $0.delay }), ContinuousClock.now < start + delay, !listener.isStopped {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Sends one answer, announcing whether the connection stays open; `false` when the
    /// client is gone.
    private func answer(status: Int, headers: [(String, String)], body: String, keepOpen: Bool,
                        to socket: Int32) -> Bool {
        let bodyBytes = Array(body.utf8)
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: text/plain\r\n"
        head += "Content-Length: \(bodyBytes.count)\r\nConnection: \(keepOpen ? "keep-alive" : "close")\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + bodyBytes
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a client that gave up must not kill the test process with SIGPIPE.
            let result = bytes[sent...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Self.noSignal) }
            guard result > 0 else { return false }
            sent += result
        }
        return true
    }

    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0
    #endif

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 401: "Unauthorized"
        case 405: "Method Not Allowed"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }
}
