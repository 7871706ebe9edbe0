import AccessKernel
import Foundation
import Hummingbird

/// The JSON of an access answer: `access`, `status`, `expires_at`, and `message` when
/// access was revoked.
struct AccessAnswer {
    var status: AccessStatus
    var course: Course

    func response() -> Response {
        var answer = JSONObject()
        if case .active = status { answer.field("access", true) } else { answer.field("access", false) }
        answer.field("status", status.name)
        answer.field("expires_at", status.date.map { $0.formatted(Self.iso8601) })
        if case .revoked(let reason) = status { answer.field("message", message(for: reason)) }
        return answer.response(status: .ok)
    }

    /// What the course site shows: the admin's message, else the course's, else one that
    /// says why in plain words.
    func message(for reason: RevokeReason) -> String {
        if case .manual(let message?) = reason, !message.isEmpty { return message }
        if let message = course.revokedMessage, !message.isEmpty { return message }
        let why = switch reason {
        case .refunded: "the purchase was refunded"
        case .cancelled: "the subscription was cancelled"
        case .paused: "the subscription is paused"
        case .paymentFailed: "a payment failed"
        case .disputed: "the payment is disputed"
        case .manual: "it was withdrawn"
        }
        return "Your access to \(course.title) has ended because \(why). Contact support if you think this is a mistake."
    }

    private static let iso8601 = Date.ISO8601FormatStyle()
}
