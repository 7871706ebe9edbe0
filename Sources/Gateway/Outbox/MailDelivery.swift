import AccessKernel
import AccessStore
import Foundation
import Outbound

/// One attempt to send a mail delivery (the welcome mail) through the SMTP server.
struct MailDelivery {
    let mail: OutboxChannels.Mail?
    let courses: [String: Course]
    let client: CurlClient

    func attempt(_ delivery: OutboxDelivery) async -> AttemptOutcome {
        guard let mail else {
            return .retry("no mail server is configured now; the mail waits until one is", retryAfter: .seconds(3600))
        }
        let message = Self.welcome(delivery, mail: mail, course: delivery.course.flatMap { courses[$0] })
        do {
            try await client.sendMail(message, via: mail.server)
            return .delivered
        } catch let error as OutboundError {
            // A permanent refusal (5xx: unknown recipient, bad credentials) is final.
            return error.kind == .rejected || error.kind == .invalidRequest ? .dead("\(error)") : .retry("\(error)", retryAfter: nil)
        } catch {
            return .retry("\(error)", retryAfter: nil)
        }
    }

    /// The welcome mail of a delivery: the course's template, else the default one, filled in.
    static func welcome(_ delivery: OutboxDelivery, mail: OutboxChannels.Mail, course: Course?) -> MailMessage {
        let payload = delivery.payload
        let name = payload.customerName ?? ""
        let values = [
            "name": name,
            "first_name": name.split(separator: " ").first.map(String.init) ?? "",
            "email": payload.customerEmail,
            "course_id": payload.course ?? "",
            "course_title": course?.title ?? payload.course ?? "",
            "login_url": course?.loginURL ?? "",
            "expires_at": payload.expiresAt.map { ISO8601DateFormatter().string(from: $0) } ?? "",
        ]
        let (subject, body) = (course?.welcome ?? mail.defaultWelcome).render(values)
        return MailMessage.compose(from: mail.from, to: payload.customerEmail, subject: subject, body: body,
                                   messageID: delivery.messageID)
    }
}
