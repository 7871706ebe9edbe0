import Foundation

/// Facts are stored for years, so `Event` is encoded with an explicit `type` tag and named
/// fields rather than the compiler's positional enum encoding.
extension Event: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, purchase, refund, subscription, dispute, admin, details
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "purchase": self = .purchase(try container.decode(Purchase.self, forKey: .purchase))
        case "refund": self = .refund(try container.decode(Refund.self, forKey: .refund))
        case "subscription":
            self = .subscription(try container.decode(SubscriptionChange.self, forKey: .subscription))
        case "dispute": self = .dispute(try container.decode(Dispute.self, forKey: .dispute))
        case "admin": self = .admin(try container.decode(AdminAction.self, forKey: .admin))
        case "details": self = .detailsChanged(try container.decode(CustomerDetails.self, forKey: .details))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container,
                                                   debugDescription: "unknown event type \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .purchase(let value):
            try container.encode("purchase", forKey: .type)
            try container.encode(value, forKey: .purchase)
        case .refund(let value):
            try container.encode("refund", forKey: .type)
            try container.encode(value, forKey: .refund)
        case .subscription(let value):
            try container.encode("subscription", forKey: .type)
            try container.encode(value, forKey: .subscription)
        case .dispute(let value):
            try container.encode("dispute", forKey: .type)
            try container.encode(value, forKey: .dispute)
        case .admin(let value):
            try container.encode("admin", forKey: .type)
            try container.encode(value, forKey: .admin)
        case .detailsChanged(let value):
            try container.encode("details", forKey: .type)
            try container.encode(value, forKey: .details)
        }
    }
}

extension Fact {
    /// The JSON form facts are stored and compared in: sorted keys, dates as epoch seconds.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
