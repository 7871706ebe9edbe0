import AccessKernel
import Foundation

/// What is left of a customer erased at their request: a placeholder address under the
/// reserved `.invalid` top-level domain (no real address can end so), no name, and facts whose
/// personal data is replaced while their financial content (orders, items, amounts) stays.
public enum ErasedCustomer {
    /// The domain of every placeholder address.
    public static let domain = "erased.invalid"

    /// The unique placeholder that replaces an erased customer's email.
    public static func placeholderEmail(for customerID: Int64) -> String { "erased-\(customerID)@\(domain)" }

    /// What replaces a name or email found inside free text (an admin note, a revoke message).
    static let redaction = "[erased]"
}

extension CustomerRecord {
    /// Whether the customer was erased (their email is the placeholder).
    public var isErased: Bool { email.hasSuffix("@" + ErasedCustomer.domain) }
}

/// The personal data one erasure removes from a customer's facts.
struct PersonalData {
    /// Every email the customer had, normalised.
    var emails: Set<String>
    /// Every name the customer went by.
    var names: Set<String>
    var placeholderEmail: String

    /// Learns the names and emails a fact carries, so none is left behind in another fact.
    mutating func collect(from fact: Fact) {
        if let email = fact.customer.email { emails.insert(EmailAddress.normalise(email)) }
        if let name = fact.customer.name { names.insert(name) }
        if case .detailsChanged(let details) = fact.event {
            if let email = details.email { emails.insert(EmailAddress.normalise(email)) }
            if let name = details.name { names.insert(name) }
        }
    }

    /// The fact without the customer's name and email: the payload's customer gets the
    /// placeholder address and no name, a details change likewise, and free text loses
    /// every name and email. Orders, items, amounts and provider ids are kept.
    func scrub(_ fact: Fact) -> Fact {
        var fact = fact
        if fact.customer.email != nil { fact.customer.email = placeholderEmail }
        fact.customer.name = nil
        switch fact.event {
        case .detailsChanged(var details):
            if details.email != nil { details.email = placeholderEmail }
            details.name = nil
            fact.event = .detailsChanged(details)
        case .admin(var admin):
            admin.note = admin.note.map(redact)
            switch admin.action {
            case .revoke(let course, let message):
                admin.action = .revoke(course: course, message: message.map(redact))
            case .providerAction(let name, let reference, let summary):
                admin.action = .providerAction(name: name, reference: reference, summary: redact(summary))
            case .grant, .restore, .setExpiry, .removeExpiry:
                break
            }
            fact.event = .admin(admin)
        case .purchase, .refund, .subscription, .dispute:
            break
        }
        return fact
    }

    /// `text` with every email and name (of two characters or more) replaced, ignoring case.
    func redact(_ text: String) -> String {
        let words = (emails.sorted() + names.sorted()).filter { $0.count >= 2 }.sorted { $0.count > $1.count }
        return words.reduce(text) { text, word in
            text.replacingOccurrences(of: word, with: ErasedCustomer.redaction, options: [.caseInsensitive])
        }
    }
}
