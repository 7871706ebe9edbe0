import AccessKernel
import AccessStore

/// The text of the hub's mails: the sign-in link and the email-change confirmation.
enum HubMailText {
    /// The template of a hub mail topic; `nil` for any other topic.
    static func template(topic: String) -> MessageTemplate? {
        switch topic {
        case "mail.hub_link":
            MessageTemplate(subject: "Your sign-in link", body: """
                Hi {{first_name}},

                open this link to see your courses, purchases and subscriptions:
                {{link}}

                It works once, within 24 hours. If you did not ask for it, you can ignore this mail.
                """)
        case "mail.hub_email_change":
            MessageTemplate(subject: "Confirm your new email address", body: """
                Hi {{first_name}},

                open this link to make {{email}} the address of your purchases:
                {{link}}

                It works once, within 24 hours. If you did not ask for it, you can ignore this mail.
                """)
        default:
            nil
        }
    }

    /// The placeholders' values; a link already removed (the mail was sent before) says how
    /// to get a new one.
    static func values(_ payload: OutboxPayload, hubURL: String?) -> [String: String] {
        let name = payload.customerName ?? ""
        return [
            "name": name,
            "first_name": name.split(separator: " ").first.map(String.init) ?? "there",
            "email": payload.customerEmail,
            "link": payload.link ?? "(this link was sent before and no longer works; ask for a new one at \(hubURL ?? "the hub"))",
            "hub_url": hubURL ?? "",
        ]
    }
}
