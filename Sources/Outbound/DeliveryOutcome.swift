import Foundation

/// What one delivery attempt to a webhook sink came to, and so what the outbox does next.
public enum DeliveryOutcome: Sendable, Hashable {
    /// A 2xx: the receiver has the event.
    case delivered
    /// A 410 Gone: the receiver asks never to be called again, so the sink is disabled.
    case disableEndpoint
    /// Anything else: try again per the ``RetryPolicy``, not sooner than `retryAfter` when the
    /// receiver said so (429 and 503 with `Retry-After`).
    case retry(retryAfter: Duration?)
    /// The request cannot be sent as configured (a malformed sink URL): retrying cannot help,
    /// so the delivery is dead at once.
    case giveUp

    /// The outcome of an answer: 2xx delivered, 410 disabled, 429 and 503 retried honouring
    /// `Retry-After`, every other status retried.
    public init(response: OutboundResponse, now: Date = Date()) {
        switch response.status {
        case 200...299:
            self = .delivered
        case 410:
            self = .disableEndpoint
        case 429, 503:
            self = .retry(retryAfter: response.headers["Retry-After"].flatMap { RetryAfter.parse($0, now: now) })
        default:
            self = .retry(retryAfter: nil)
        }
    }

    /// The outcome of an attempt that got no answer: transport, timeout and TLS failures are
    /// retried; an invalid request gives up at once; an ``OutboundError/Kind/httpStatus`` error is
    /// judged by its response.
    public init(error: OutboundError, now: Date = Date()) {
        if error.kind == .httpStatus, let response = error.response {
            self.init(response: response, now: now)
        } else if error.kind == .invalidRequest {
            self = .giveUp
        } else {
            self = .retry(retryAfter: nil)
        }
    }
}
