import Foundation

/// Something support staff did to a customer's access, with who did it.
public struct AdminAction: Sendable, Hashable, Codable {
    /// Who acted: an API key name, `cli`, `import`, `hub`.
    public var actor: String
    public var action: Action
    /// Free text shown in the timeline.
    public var note: String?

    public init(actor: String, action: Action, note: String? = nil) {
        self.actor = actor
        self.action = action
        self.note = note
    }

    /// The admin actions on access.
    public enum Action: Sendable, Hashable, Codable {
        /// Give access: to a course directly, or to what a product or bundle maps to.
        case grant(GrantTarget, until: Date?)
        /// Take access away without refunding or cancelling; `message` is what the
        /// course site shows the customer.
        case revoke(course: String, message: String?)
        /// Undo a revoke.
        case restore(course: String)
        case setExpiry(course: String, at: Date)
        case removeExpiry(course: String)
        /// A payment action taken through the provider's API (a refund, a cancel), noted so
        /// it shows in the timeline with its actor. It changes no access by itself: the
        /// provider's own facts (and the subscription change recorded with it) do.
        case providerAction(name: String, reference: String?, summary: String)

        public var name: String {
            switch self {
            case .grant: "grant"
            case .revoke: "revoke"
            case .restore: "restore"
            case .setExpiry: "set_expiry"
            case .removeExpiry: "remove_expiry"
            case .providerAction: "provider_action"
            }
        }

        /// The course the action is about, when it names one.
        public var course: String? {
            switch self {
            case .grant(.course(let id), _): id
            case .grant, .providerAction: nil
            case .revoke(let course, _), .restore(let course), .setExpiry(let course, _),
                 .removeExpiry(let course): course
            }
        }
    }
}

/// What an admin grant opens: one course, or whatever a provider item maps to.
public enum GrantTarget: Sendable, Hashable, Codable {
    case course(String)
    case item(instance: InstanceID, key: ItemKey)
}
