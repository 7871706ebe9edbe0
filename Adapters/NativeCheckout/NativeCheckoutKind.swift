import AccessKernel

/// The native (Stripe-powered) checkout as a provider kind. A refund there keeps access
/// unless the mapping says otherwise.
public enum NativeCheckout {
    public static let kind = ProviderKind(
        name: "native_checkout", displayName: "Native checkout (Stripe)",
        requiredSecrets: ["webhook_secret"], optionalSecrets: ["api_key"],
        defaultPolicies: Policies(onRefund: .keep, onCancel: .periodEnd))
}
