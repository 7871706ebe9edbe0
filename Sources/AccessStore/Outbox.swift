import Foundation

/// Where the outbox sends what the record transaction wrote: the configured sinks (each
/// gets every event) and whether welcome mail goes to new customers.
///
/// Part of the ``MappingVersion`` in force, so the gateway and the CLI write the same rows.
public struct OutboxTargets: Sendable, Hashable {
    /// Sink names, each receiving every access event and every new customer.
    public var sinks: [String]
    /// Whether a new customer is sent a welcome mail for each course they were granted.
    public var welcomeMail: Bool

    public init(sinks: [String] = [], welcomeMail: Bool = false) {
        self.sinks = sinks
        self.welcomeMail = welcomeMail
    }

    /// No sinks and no mail: nothing is written to the outbox.
    public var isEmpty: Bool { sinks.isEmpty && !welcomeMail }
}

/// One message in the outbox: a sink event or a mail, with its delivery state.
public struct OutboxDelivery: Sendable, Hashable {
    public var id: Int64
    /// Sent with every attempt (`webhook-id`, the mail's `Message-ID`) so receivers dedupe.
    public var messageID: String
    public var target: Target
    /// `access.granted`, `access.revoked`, `access.expired`, `access.restored`,
    /// `customer.created`, `mail.welcome`, `mail.hub_link` or `mail.hub_email_change`.
    public var topic: String
    public var customerID: Int64?
    public var course: String?
    /// The frozen content, JSON: a sink event's data, or a mail's recipient and course.
    public var payload: OutboxPayload
    public var status: Status
    /// Attempts made so far.
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?

    /// A sink by name, or the mail server.
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        case sink(String)
        case mail

        public init(_ text: String) {
            self = text.hasPrefix("sink:") ? .sink(String(text.dropFirst(5))) : .mail
        }

        public var description: String {
            switch self {
            case .sink(let name): "sink:\(name)"
            case .mail: "mail"
            }
        }
    }

    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Waiting for its next attempt (at ``OutboxDelivery/nextAttemptAt``).
        case pending
        /// The receiver has it.
        case delivered
        /// Given up after the last attempt, or refused for good; `outbox retry` tries again.
        case dead
    }
}

/// What an outbox message says, frozen when it was written so every attempt sends the same.
public struct OutboxPayload: Sendable, Hashable, Codable {
    /// When the change happened.
    public var at: Date
    public var customerEmail: String
    public var customerName: String?
    public var course: String?
    /// The order (or subscription) that gave or took the access.
    public var orderReference: String?
    /// The access status after the change.
    public var status: String?
    /// When the access ends or ended.
    public var expiresAt: Date?
    /// A hub mail's link (with its secret), removed once the mail is delivered or given up.
    public var link: String?

    public init(at: Date, customerEmail: String, customerName: String? = nil, course: String? = nil,
                orderReference: String? = nil, status: String? = nil, expiresAt: Date? = nil, link: String? = nil) {
        self.at = at
        self.customerEmail = customerEmail
        self.customerName = customerName
        self.course = course
        self.orderReference = orderReference
        self.status = status
        self.expiresAt = expiresAt
        self.link = link
    }
}

/// How an attempt ended, as the worker reports it to the store.
public enum OutboxAttemptResult: Sendable, Hashable {
    case delivered
    /// Failed; try again at `nextAttemptAt`.
    case retry(error: String, nextAttemptAt: Date)
    /// Failed for good (last attempt, or a refusal retrying cannot change).
    case dead(error: String)
}
