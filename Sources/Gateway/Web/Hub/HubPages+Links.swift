import AccessStore
import Foundation
import Hummingbird

extension HubPages {
    /// Makes a single-use link for the customer and queues its mail to `address`, in one
    /// store transaction; only the hash of the link's secret is stored.
    func sendLink(_ kind: HubLink.Kind, customer: CustomerRecord, to address: String, newEmail: String? = nil,
                  request: Request, tokens: any HubTokens) async throws {
        let secret = RandomToken.make()
        let now = now()
        let path = kind == .signIn ? "login" : "confirm-email"
        let url = "\(baseURL(request))/\(path)?token=\(secret)"
        let topic = kind == .signIn ? "mail.hub_link" : "mail.hub_email_change"
        try await tokens.issueHubLink(
            HubLink(hash: RandomToken.hash(secret), kind: kind, customerID: customer.id, newEmail: newEmail,
                    expiresAt: now.addingTimeInterval(Self.linkLifetime)),
            mail: HubLinkMail(topic: topic, to: address, name: customer.name, url: url), now: now)
    }

    /// Whether the customer may be sent another link of `kind` now (the per-email limit).
    func underEmailLimit(_ customerID: Int64, kind: HubLink.Kind, tokens: any HubTokens) async throws -> Bool {
        let since = now().addingTimeInterval(-limits.emailWindow)
        return try await tokens.hubLinksIssued(customerID: customerID, kind: kind, since: since) < limits.perEmail
    }
}
