import Foundation

/// The `data` of a ``SinkEvent``: what a receiver on the course site needs to create the user,
/// give or take the course, and revoke per order and course.
///
/// Absent values are written as JSON `null`, so every event has the same keys.
public struct SinkEventData: Sendable, Hashable, Encodable {
    /// The customer's email address, the key the site finds or creates the user by.
    public var customerEmail: String
    /// The customer's name, if the provider gave one.
    public var customerName: String?
    /// The course on the site, as the mapping file names it.
    public var courseID: String?
    /// The order (or subscription) that gave or took the access, for revoking per order.
    public var orderReference: String?
    /// The access status after the event, for example `active`, `revoked`, `expired`.
    public var status: String?
    /// When the access ends, if it ends.
    public var expiresAt: Date?

    /// The data of one event; only the email is required (`customer.created` has no course).
    public init(customerEmail: String, customerName: String? = nil, courseID: String? = nil,
                orderReference: String? = nil, status: String? = nil, expiresAt: Date? = nil) {
        self.customerEmail = customerEmail
        self.customerName = customerName
        self.courseID = courseID
        self.orderReference = orderReference
        self.status = status
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case customerEmail = "customer_email", customerName = "customer_name", courseID = "course_id"
        case orderReference = "order_reference", status, expiresAt = "expires_at"
    }

    /// Writes every key, `null` where there is no value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(customerEmail, forKey: .customerEmail)
        try container.encode(customerName, forKey: .customerName)
        try container.encode(courseID, forKey: .courseID)
        try container.encode(orderReference, forKey: .orderReference)
        try container.encode(status, forKey: .status)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}
