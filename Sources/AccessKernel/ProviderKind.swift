/// What Coursegate knows about a kind of provider before any instance is configured:
/// the secrets an instance must name and the policies its routes default to.
public struct ProviderKind: Sendable, Hashable {
    /// The `kind:` value in the mapping file (`thrivecart`).
    public var name: String
    public var displayName: String
    /// Secret names an instance of this kind must set (the webhook secret).
    public var requiredSecrets: [String]
    /// Secret names an instance may set (API keys for refunds and reconciliation).
    public var optionalSecrets: [String]
    /// Policies of this kind's routes unless the instance or route says otherwise.
    public var defaultPolicies: Policies

    public init(name: String, displayName: String, requiredSecrets: [String],
                optionalSecrets: [String] = [], defaultPolicies: Policies = Policies()) {
        self.name = name
        self.displayName = displayName
        self.requiredSecrets = requiredSecrets
        self.optionalSecrets = optionalSecrets
        self.defaultPolicies = defaultPolicies
    }
}
