import AccessKernel

/// SendOwl as a provider kind: the secrets an instance names and its default policies.
public enum SendOwl {
    public static let kind = ProviderKind(
        name: "sendowl", displayName: "SendOwl",
        requiredSecrets: ["signing_key"], optionalSecrets: ["api_key", "api_secret"],
        defaultPolicies: Policies(onRefund: .revoke, onCancel: .periodEnd))
}
