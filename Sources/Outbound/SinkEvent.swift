import Foundation

/// One event we send to a sink (the course site): what happened, when, and to whom.
///
/// It holds plain fields, not store types, so the outbox fills it from whatever it recorded,
/// and ``body()`` turns it into the exact bytes that are signed and sent.
public struct SinkEvent: Sendable, Hashable {
    /// What happened; the raw value is the `type` the receiver switches on.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case accessGranted = "access.granted"
        case accessRevoked = "access.revoked"
        case accessExpired = "access.expired"
        case accessRestored = "access.restored"
        case customerCreated = "customer.created"
        /// The customer asked to be forgotten: the receiver deletes or anonymises the user
        /// with this email. Sent before Coursegate scrubs the email.
        case customerErased = "customer.erased"
    }

    /// The largest body a sink is sent: 20 kB, as PROVIDERS.md promises receivers.
    public static let maxBodyBytes = 20_000

    /// What happened.
    public var kind: Kind
    /// When it happened (written ISO 8601 in UTC, whole seconds).
    public var timestamp: Date
    /// Who and which course it concerns.
    public var data: SinkEventData

    /// An event of `kind` at `timestamp` about `data`.
    public init(kind: Kind, timestamp: Date, data: SinkEventData) {
        self.kind = kind
        self.timestamp = timestamp
        self.data = data
    }

    /// The JSON body, `{"data": {...}, "timestamp": ..., "type": ...}` with sorted keys, so the
    /// same event always gives the same bytes.
    ///
    /// - Throws: ``SinkEventError`` when the body would be larger than ``maxBodyBytes``.
    public func body() throws(SinkEventError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(Wire(type: kind.rawValue, timestamp: timestamp, data: data)))
        } catch {
            throw SinkEventError(size: 0, reason: "the event could not be encoded")
        }
        guard bytes.count <= Self.maxBodyBytes else {
            throw SinkEventError(size: bytes.count, reason: "the body is \(bytes.count) bytes, over \(Self.maxBodyBytes)")
        }
        return bytes
    }

    private struct Wire: Encodable {
        let type: String
        let timestamp: Date
        let data: SinkEventData
    }
}

/// Why a sink event could not be turned into a body.
public struct SinkEventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The size the body would have had, in bytes (0 when it could not be encoded at all).
    public let size: Int
    /// What went wrong.
    public let reason: String

    /// The reason, for logs.
    public var description: String { reason }
}
