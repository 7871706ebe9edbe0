import Foundation
import Outbound

/// Sink events and secrets for tests of signing, delivery and the mock course site.
public enum SinkEventSamples {
    /// A sink secret as a course site would be configured with it.
    public static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    /// The next secret, while the first is being rotated out.
    public static let nextSecret = WebhookSecret(key: Array("the next coursegate sink key!!!!".utf8)).text

    /// 2026-11-21T10:00:00Z, the moment the samples happen.
    public static let moment = Date(timeIntervalSince1970: 1_795_255_200)

    /// Ada gets the Web Basics course from order `ORD-1001`, for a year.
    public static let accessGranted = SinkEvent(
        kind: .accessGranted, timestamp: moment,
        data: SinkEventData(customerEmail: "ada@example.com", customerName: "Ada Lovelace", courseID: "web-basics",
                            orderReference: "ORD-1001", status: "active",
                            expiresAt: moment.addingTimeInterval(365 * 24 * 3600)))

    /// Ada is a new customer; no course is named.
    public static let customerCreated = SinkEvent(
        kind: .customerCreated, timestamp: moment,
        data: SinkEventData(customerEmail: "ada@example.com", customerName: "Ada Lovelace"))

    /// An access event whose customer name is `nameLength` characters long, to push the body's size.
    public static func accessGranted(nameLength: Int) -> SinkEvent {
        var event = accessGranted
        event.data.customerName = String(repeating: "a", count: nameLength)
        return event
    }
}
