import AdapterKit

extension NativeCheckoutAdapter {
    /// The name of the secret holding the Stripe secret key (`sk_live_…`, or a restricted
    /// `rk_live_…` with events read, checkout sessions read, refunds and subscriptions write).
    public static let apiKeySecret = "api_key"

    /// Stripe's API for this account, or `nil` when the instance has no `api_key`.
    public func api(_ connection: ProviderConnection) -> (any ProviderAPI)? {
        guard let key = instance.secrets[Self.apiKeySecret], !key.isEmpty else { return nil }
        return StripeAPI(instance: instance, apiKey: key, connection: connection)
    }
}
