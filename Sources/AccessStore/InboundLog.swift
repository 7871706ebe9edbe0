import Foundation

/// The log of webhook requests and what each came to: recorded, duplicate, ignored (and
/// why), rejected (and why). Kept for support and operations; only recent rows are kept.
public protocol InboundLog: Sendable {
    /// Appends entries (the gateway writes them in batches, off the request path).
    func logInbound(_ entries: [InboundDelivery]) async throws

    /// The newest entries first, optionally of one instance or outcome.
    func inboundDeliveries(instance: String?, outcome: InboundDelivery.Outcome?, limit: Int) async throws -> [InboundDelivery]
}

/// One webhook request and what it came to.
public struct InboundDelivery: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case recorded, duplicate, ignored, rejected
    }

    /// The stored id; 0 before it is stored.
    public var id: Int64
    public var instance: String
    public var receivedAt: Date
    public var outcome: Outcome
    /// The status the provider was answered with.
    public var httpStatus: Int
    /// Why it was ignored or rejected (the error's message), or a summary of what was recorded.
    public var detail: String?
    /// The idempotency keys of its facts.
    public var factKeys: [String]

    public init(id: Int64 = 0, instance: String, receivedAt: Date, outcome: Outcome, httpStatus: Int,
                detail: String? = nil, factKeys: [String] = []) {
        self.id = id
        self.instance = instance
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.detail = detail
        self.factKeys = factKeys
    }
}
