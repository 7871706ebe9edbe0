import AccessKernel
import AccessStore
import Foundation
import Outbound

/// One attempt to send a mail delivery (a welcome mail, a hub link) through the SMTP server.
struct MailDelivery {
    let mail: OutboxChannels.Mail?
    let courses: [String: Course]
    let client: CurlClient

    func attempt(_ delivery: OutboxDelivery) async -> AttemptOutcome {
        guard let mail else {
            return .retry("no mail server is configured now; the mail waits until one is", retryAfter: .seconds(3600))
        }
        let message = Self.message(delivery, mail: mail, course: delivery.course.flatMap { courses[$0] })
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

    /// The mail of a delivery, by its topic: a hub link, else the welcome mail.
    static func message(_ delivery: OutboxDelivery, mail: OutboxChannels.Mail, course: Course?) -> MailMessage {
        guard let template = HubMailText.template(topic: delivery.topic) else {
            return welcome(delivery, mail: mail, course: course)
        }
        let (subject, body) = template.render(HubMailText.values(delivery.payload, hubURL: mail.hubURL))
        return MailMessage.compose(from: mail.from, to: delivery.payload.customerEmail, subject: subject, body: body,
                                   messageID: delivery.messageID)
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
            "hub_url": mail.hubURL ?? "",
        ]
        var (subject, body) = (course?.welcome ?? mail.defaultWelcome).render(values)
        // Every receipt carries the hub link, also under a template that does not place it.
        if let hub = mail.hubURL, !body.contains(hub) {
            body += "\n\nYour purchases, courses and subscriptions: \(hub)\n"
        }
        return MailMessage.compose(from: mail.from, to: payload.customerEmail, subject: subject, body: body,
                                   messageID: delivery.messageID)
    }
}
