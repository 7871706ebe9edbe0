/// Why an outbound call failed, in terms a caller can act on; libcurl's codes stay inside.
///
/// ``Kind`` tells retrying code what happened; ``message`` is libcurl's explanation for logs.
/// Messages name the host but never the query string or a header value.
public struct OutboundError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// No usable connection: the host did not resolve, refused the connection, or dropped it.
        case transport
        /// The connect timeout or the total timeout passed before the response was complete.
        case timeout
        /// The TLS handshake failed or the peer's certificate did not verify.
        case tls
        /// The response body grew past the client's limit and the transfer was stopped.
        case responseTooLarge
        /// The server answered with a status outside 200...299; thrown only by
        /// ``HTTPTransport/sendExpectingSuccess(_:)``, with the answer in ``OutboundError/response``.
        case httpStatus
        /// A mail server refused the credentials, the sender or a recipient with a permanent
        /// (5xx) reply; retrying the same message will not help.
        case rejected
        /// The request could not be sent as given: a malformed URL, an unsupported scheme, or a
        /// header containing a line break.
        case invalidRequest
    }

    /// What went wrong.
    public let kind: Kind
    /// A human-readable explanation, from libcurl where it came from libcurl.
    public let message: String
    /// The response, for ``Kind/httpStatus``: its status, headers (`Retry-After`) and body.
    public let response: OutboundResponse?

    /// Creates an error; public so that an ``HTTPTransport`` double can fail like the real client.
    public init(kind: Kind, message: String, response: OutboundResponse? = nil) {
        self.kind = kind
        self.message = message
        self.response = response
    }

    /// The status code of the response, for ``Kind/httpStatus``.
    public var status: Int? { response?.status }

    /// The kind and message, for logs.
    public var description: String {
        switch kind {
        case .transport: "transport error: \(message)"
        case .timeout: "timed out: \(message)"
        case .tls: "TLS error: \(message)"
        case .responseTooLarge: "response too large: \(message)"
        case .httpStatus: "HTTP status \(response?.status ?? 0): \(message)"
        case .rejected: "rejected: \(message)"
        case .invalidRequest: "invalid request: \(message)"
        }
    }
}
