import Logging

/// An async HTTP(S) client over libcurl, shared by everything Coursegate sends outward.
///
/// Each transfer runs on a worker thread of its own, so a blocking `curl_easy_perform` never
/// occupies Swift's cooperative pool. In ``CurlHandleMode/reused`` mode a worker keeps its
/// libcurl handle, and with it the open connection, between requests. Every request is sent
/// with the configured connect and total timeouts, TLS verification on, redirects off unless
/// configured, and the response size limit. A non-2xx status is a response, not an error:
/// use ``HTTPTransport/sendExpectingSuccess(_:)`` to have it thrown.
public final class CurlClient: HTTPTransport {
    /// The policy applied to every request.
    public let configuration: Configuration
    private let pool: WorkerPool
    let logger: Logger

    /// Creates a client; no thread or connection is opened until the first request.
    public init(configuration: Configuration = Configuration(), logger: Logger = Logger(label: "coursegate.outbound")) {
        self.configuration = configuration
        self.pool = WorkerPool(size: configuration.maxConcurrentTransfers)
        self.logger = logger
    }

    /// Sends `request` and returns the response whatever its status.
    ///
    /// - Throws: ``OutboundError`` when no complete response arrived (transport, timeout, TLS,
    ///   size limit, invalid request); `CancellationError` when the task was cancelled.
    public func send(_ request: OutboundRequest) async throws -> OutboundResponse {
        let result = try await perform { handle, cancellation, configuration in
            HTTPTransfer.run(request, on: handle, configuration: configuration, cancellation: cancellation)
        }
        switch result {
        case .success(let response):
            logger.debug("outbound request answered", metadata: [
                "method": "\(request.method)", "host": "\(Self.host(of: request.url))", "status": "\(response.status)",
            ])
            return response
        case .failure(let error):
            logger.debug("outbound request failed", metadata: [
                "method": "\(request.method)", "host": "\(Self.host(of: request.url))", "error": "\(error)",
            ])
            throw error
        }
    }

    /// Runs `transfer` on a free worker's handle, off the cooperative pool, and waits for it;
    /// cancelling the task raises the flag the transfer's progress callback watches.
    func perform<T: Sendable>(
        _ transfer: @escaping @Sendable (UnsafeMutableRawPointer, CancellationFlag, Configuration) -> Result<T, OutboundError>
    ) async throws -> Result<T, OutboundError> {
        try CurlRuntime.ensureInitialised()
        let worker = try await pool.acquire()
        defer { pool.release(worker) }
        let cancellation = CancellationFlag()
        let configuration = configuration
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, OutboundError>, Never>) in
                worker.queue.async {
                    let result = worker.withHandle(mode: configuration.handleMode) { handle in
                        transfer(handle, cancellation, configuration)
                    }
                    continuation.resume(returning: result)
                }
            }
        } onCancel: {
            cancellation.raise()
        }
        if case .failure = result, cancellation.isRaised { throw CancellationError() }
        return result
    }

    /// The scheme and authority of `url`, for logs and messages: never a path or query that
    /// may carry a token, nor user information.
    static func host(of url: String) -> Substring {
        guard let schemeEnd = url.firstRange(of: "://") else { return "?" }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // Drop any user information (`user:password@`).
        let host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        return url[..<schemeEnd.upperBound] + host
    }
}
