/// The mapping file's `hub` section: the customer hub's public address and what customers
/// may do there themselves.
public struct HubSettings: Sendable, Hashable {
    /// The hub's public address (`https://school.example.com/hub`), which links in mails use;
    /// `nil` when the section does not give one (links then name the address the request came to).
    public var url: String?
    /// Whether customers may cancel their subscriptions in the hub (`hub.allow_cancel`).
    public var allowCancel = true
    /// Whether customers may pause their subscriptions in the hub (`hub.allow_pause`).
    public var allowPause = false
    /// How to reach the creator (an email address or a sentence), shown to revoked customers.
    public var contact: String?

    public init(url: String? = nil, allowCancel: Bool = true, allowPause: Bool = false, contact: String? = nil) {
        self.url = url
        self.allowCancel = allowCancel
        self.allowPause = allowPause
        self.contact = contact
    }
}
