import Hummingbird
import Logging
import Synchronization

/// A request context that remembers which TCP connection (client port) a request came on.
struct LoopbackContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's port: one value per connection, so tests can count connections.
    let remotePort: Int
    var maxUploadSize: Int { 16 << 20 }

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remotePort = source.channel.remoteAddress?.port ?? -1
    }
}

/// What the loopback server saw, for assertions.
final class ServerRecord: Sendable {
    private struct Seen {
        var expectHeaders: [String] = []
        var requestPaths: [String] = []
        var slowArrivals = 0
    }

    private let seen = Mutex(Seen())

    func request(path: String, expect: String?) {
        seen.withLock {
            $0.requestPaths.append(path)
            if let expect { $0.expectHeaders.append(expect) }
        }
    }

    func slowArrived() { seen.withLock { $0.slowArrivals += 1 } }

    /// Every `Expect` header value received.
    var expectHeaders: [String] { seen.withLock { $0.expectHeaders } }
    /// The path of every request received, in order.
    var requestPaths: [String] { seen.withLock { $0.requestPaths } }
    /// How many requests reached `/slow`.
    var slowArrivals: Int { seen.withLock { $0.slowArrivals } }
}

/// A real Hummingbird server on a loopback port, with the endpoints the client tests need.
///
/// - `/echo` (GET, HEAD, POST, PUT, DELETE): the request body back; `X-Method`, `X-Echo-Test` (the request's
///   `X-Test`), `X-Content-Type` (the request's `Content-Type` or `none`).
/// - `/connection`: the client's port, as text.
/// - `/slow`: answers after 30 s (tests time out or cancel long before).
/// - `/redirect`: 302 to `/echo`.
/// - `/bytes/{n}`: n bytes with a `Content-Length`; `/stream/{n}`: n bytes in chunks, no length.
/// - `/status/{code}`: that status, body `status body`.
enum LoopbackServer {
    static func run<T: Sendable>(_ body: (_ port: Int, _ record: ServerRecord) async throws -> T) async throws -> T {
        let record = ServerRecord()
        let router = Router(context: LoopbackContext.self)
        router.middlewares.add(RecordingMiddleware(record: record))
        router.on("/echo", method: .get, use: echo)
        router.on("/echo", method: .post, use: echo)
        router.on("/echo", method: .put, use: echo)
        router.on("/echo", method: .delete, use: echo)
        router.head("/echo") { _, _ in
            Response(status: .ok, headers: [.init("X-Method")!: "HEAD"])
        }
        router.get("/connection") { _, context in "\(context.remotePort)" }
        router.get("/slow") { _, _ -> String in
            record.slowArrived()
            try await Task.sleep(for: .seconds(30))
            return "late"
        }
        router.get("/redirect") { _, _ in
            Response(status: .found, headers: [.location: "/echo"])
        }
        router.get("/bytes/{count}") { _, context -> Response in
            let count = try context.parameters.require("count", as: Int.self)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: count)))
        }
        router.get("/stream/{count}") { _, context -> Response in
            let count = try context.parameters.require("count", as: Int.self)
            let chunk = ByteBuffer(repeating: UInt8(ascii: "y"), count: 1024)
            return Response(status: .ok, body: ResponseBody { writer in
                var left = count
                while left > 0 {
                    try await writer.write(chunk.getSlice(at: 0, length: min(left, 1024)) ?? chunk)
                    left -= 1024
                }
                try await writer.finish(nil)
            })
        }
        router.get("/status/{code}") { _, context -> Response in
            let code = try context.parameters.require("code", as: Int.self)
            return Response(status: .init(code: code), body: .init(byteBuffer: ByteBuffer(string: "status body")))
        }

        var logger = Logger(label: "outbound-tests-server")
        logger.logLevel = .critical
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) },
                              logger: logger)
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            throw LoopbackServerError.didNotStart
        }
        do {
            let result = try await body(port, record)
            server.cancel()
            _ = await server.result
            return result
        } catch {
            server.cancel()
            _ = await server.result
            throw error
        }
    }

    @Sendable private static func echo(_ request: Request, _ context: LoopbackContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 << 20)
        var headers = HTTPFields()
        headers[.init("X-Method")!] = request.method.rawValue
        headers[.init("X-Echo-Test")!] = request.headers[.init("X-Test")!] ?? "none"
        headers[.init("X-Content-Type")!] = request.headers[.contentType] ?? "none"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

enum LoopbackServerError: Error {
    case didNotStart
}

/// Records every request's path and `Expect` header before it is routed.
struct RecordingMiddleware: RouterMiddleware {
    typealias Context = LoopbackContext
    let record: ServerRecord

    func handle(_ request: Request, context: LoopbackContext,
                next: (Request, LoopbackContext) async throws -> Response) async throws -> Response {
        record.request(path: request.uri.path, expect: request.headers[.expect])
        return try await next(request, context)
    }
}
