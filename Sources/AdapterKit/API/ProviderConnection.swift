import Foundation
import Outbound

/// How an adapter reaches its provider's API: the transport every call goes through (the
/// gateway's libcurl client), where the API is, and how fast it may be called.
public struct ProviderConnection: Sendable {
    /// Sends the requests; ``CurlClient`` in the gateway and the CLI.
    public var transport: any HTTPTransport
    /// The API's base URL instead of the provider's own (the instance's `api_url`; a mock in tests).
    public var baseURL: String?
    /// The shortest time between two requests instead of the provider's documented limit.
    public var minimumInterval: Duration?
    /// How many times a request answered 429 or 5xx is tried again before the call fails.
    public var retries: Int
    /// The longest a `Retry-After` is waited for inside one call; a longer one fails the call
    /// with ``ProviderAPIError/Kind/rateLimited`` so the caller can come back later.
    public var maxRetryAfter: Duration

    public init(transport: any HTTPTransport, baseURL: String? = nil, minimumInterval: Duration? = nil,
                retries: Int = 3, maxRetryAfter: Duration = .seconds(60)) {
        self.transport = transport
        self.baseURL = baseURL
        self.minimumInterval = minimumInterval
        self.retries = retries
        self.maxRetryAfter = maxRetryAfter
    }
}

/// Spaces requests to one provider account at least `interval` apart, across tasks.
public actor RequestPacer {
    private let interval: Duration
    private var next: ContinuousClock.Instant?

    public init(interval: Duration) { self.interval = interval }

    /// Waits until the next request may go.
    public func wait() async {
        let clock = ContinuousClock()
        let now = clock.now
        let start = max(now, next ?? now)
        next = start.advanced(by: interval)
        if start > now { try? await clock.sleep(until: start) }
    }

    /// Pushes the next request back by `delay` (a provider's `Retry-After`).
    public func backOff(_ delay: Duration) {
        let until = ContinuousClock().now.advanced(by: delay)
        next = max(next ?? until, until)
    }
}

/// The one way an adapter's API client sends a request: paced, with 429 and 5xx tried again
/// (honouring `Retry-After`), and every failure turned into a ``ProviderAPIError``.
///
/// A `POST` without an `Idempotency-Key` header is tried again only after a 429: after a 5xx
/// or a lost connection the provider may have carried it out, and a refund must not be made twice.
public struct ProviderHTTP: Sendable {
    /// The provider's name for messages (`SendOwl`).
    public let provider: String
    public let baseURL: String
    private let connection: ProviderConnection
    private let pacer: RequestPacer
    private let headers: [HTTPHeader]

    /// - Parameters:
    ///   - defaultBaseURL: the provider's real API, used unless the connection names another.
    ///   - defaultInterval: the provider's documented spacing, unless the connection sets one.
    ///   - headers: sent with every request (authorisation, `Accept`).
    public init(provider: String, connection: ProviderConnection, defaultBaseURL: String,
                defaultInterval: Duration, headers: [HTTPHeader]) {
        self.provider = provider
        self.connection = connection
        var base = connection.baseURL ?? defaultBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.pacer = RequestPacer(interval: connection.minimumInterval ?? defaultInterval)
        self.headers = headers
    }

    /// Sends `method path` (path and query after the base URL) and returns the 2xx response.
    public func send(_ method: OutboundRequest.Method, _ path: String, headers extra: [HTTPHeader] = [],
                     body: [UInt8] = []) async throws(ProviderAPIError) -> OutboundResponse {
        let request = OutboundRequest(method: method, url: baseURL + path, headers: headers + extra, body: body)
        // A POST that may have been carried out must not be sent twice (a refund would be
        // made twice) unless the provider dedupes it by an Idempotency-Key. A 429 was not
        // carried out, so it is always tried again.
        let repeatable = method != .post || request.headers["Idempotency-Key"] != nil
        let call = "\(provider) \(method) \(path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path)"
        var attempt = 0
        while true {
            attempt += 1
            await pacer.wait()
            let response: OutboundResponse
            do {
                response = try await connection.transport.send(request)
            } catch let error as OutboundError {
                guard repeatable, attempt <= connection.retries, error.kind == .transport || error.kind == .timeout else {
                    throw ProviderAPIError(.transport, "\(call): \(error)")
                }
                await pacer.backOff(Self.backoff(attempt))
                continue
            } catch {
                throw ProviderAPIError(.transport, "\(call): \(error)")
            }
            if response.isSuccess { return response }
            let retryAfter = response.headers["Retry-After"].flatMap { RetryAfter.parse($0) }
            switch response.status {
            case 429, 500...599:
                let wait = retryAfter ?? Self.backoff(attempt)
                guard repeatable || response.status == 429, attempt <= connection.retries, wait <= connection.maxRetryAfter else {
                    let kind: ProviderAPIError.Kind = response.status == 429 ? .rateLimited : .transport
                    throw ProviderAPIError(kind, "\(call) answered \(response.status)\(Self.reason(response))",
                                           retryAfter: retryAfter, status: response.status)
                }
                await pacer.backOff(wait)
            case 401, 403:
                throw ProviderAPIError(.unauthenticated, "\(call) refused the credentials (\(response.status))\(Self.reason(response))",
                                       status: response.status)
            case 404:
                throw ProviderAPIError(.notFound, "\(call) found nothing (404)\(Self.reason(response))", status: 404)
            default:
                throw ProviderAPIError(.rejected, "\(call) answered \(response.status)\(Self.reason(response))",
                                       status: response.status)
            }
        }
    }

    /// 0.5 s, 1 s, 2 s, … between tries that got no `Retry-After`.
    private static func backoff(_ attempt: Int) -> Duration { .milliseconds(500 << min(attempt - 1, 6)) }

    /// The start of the provider's answer, for the message.
    private static func reason(_ response: OutboundResponse) -> String {
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "" }
        return ": " + String(text.prefix(300))
    }
}
