/// Why a call to a provider's API failed, in terms the caller can act on.
public struct ProviderAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The provider has no such order, payment or subscription (404).
        case notFound
        /// The provider refused the request as given (a 4xx with its reason: already refunded,
        /// amount too large, subscription already cancelled).
        case rejected
        /// The provider refused the credentials (401, 403).
        case unauthenticated
        /// Still rate limited after waiting as told; ``ProviderAPIError/retryAfter`` says how long.
        case rateLimited
        /// This provider, or this instance's configuration, cannot do that.
        case unsupported
        /// No answer, or a 5xx after the retries: the provider or the network is down.
        case transport
        /// The provider answered 2xx with something that could not be read.
        case malformedResponse
    }

    public var kind: Kind
    /// What happened, naming the provider and the call; the provider's own reason when it gave one.
    public var message: String
    /// For ``Kind/rateLimited``: how long the provider asked to wait.
    public var retryAfter: Duration?
    /// The HTTP status, when there was an answer.
    public var status: Int?

    public init(_ kind: Kind, _ message: String, retryAfter: Duration? = nil, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
        self.status = status
    }

    public var description: String { message }
}
