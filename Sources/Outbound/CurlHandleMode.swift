/// Whether the client keeps its libcurl handles (and their open connections) between requests.
///
/// ``reused`` is what a gateway wants: a handle keeps its connection alive, so a sink that
/// receives many deliveries pays for one TCP and TLS handshake. ``newPerRequest`` exists so a
/// benchmark can measure the difference (it halves throughput and fills `TIME_WAIT`).
public enum CurlHandleMode: Sendable, Hashable {
    /// Each worker keeps one handle for its whole life, reset between requests.
    case reused
    /// Every request gets a fresh handle that is closed, with its connection, afterwards.
    case newPerRequest
}
