import AccessKernel
import AdapterKit
import Foundation

/// The SendOwl adapter: reads SendOwl's order webhooks (`POST`, raw JSON `{"order": {…}}`)
/// into facts.
///
/// Each webhook carries the whole order as it is at that moment; its meaning comes from the
/// order's `state` and `refunded` (see ``OrderFacts``). The `X-SENDOWL-EVENT` header (the
/// trigger, e.g. `order_completed`) is only read when the body has no known `state`: two
/// webhooks for one change (`new_payment` and `subscription_active`) must give the same
/// facts under the same keys (see ``SendOwlFactKey``), so the body decides.
///
/// Authenticity: `X-SENDOWL-HMAC-SHA256`, see ``SendOwlSignature``, with the instance's
/// `signing_key`.
///
/// Products and bundles: a cart item is a bundle (SendOwl "package") when its
/// `product_type` is `package` or `bundle`, or its id is one of the instance's package ids;
/// see ``init(instance:packageIDs:)``.
///
/// Mode: SendOwl's payload has no test flag as far as is known. An order whose `gateway`
/// names a test or sandbox gateway (a word `test` or `sandbox`: `PayPal Sandbox`,
/// `Stripe (test)`) is taken as test mode; every other order is live.
///
/// API: with the optional secrets `api_key` and `api_secret`, ``api(_:)`` offers SendOwl's
/// API (``SendOwlAPI``) for reconciliation, refunds and cancellations.
public struct SendOwlAdapter: ProviderAdapter {
    /// SendOwl: signing key required, API key and secret optional; refunds revoke,
    /// cancellations end access at the end of the paid period.
    public static var kind: ProviderKind { SendOwl.kind }

    /// Largest body accepted; real deliveries are a few kilobytes.
    public static let maximumBodySize = 1 << 20

    private let instance: AdapterInstance
    private let signature: SendOwlSignature
    private let reader: OrderReader

    /// Makes the adapter for one SendOwl account; throws `misconfigured` without
    /// `signing_key`. Packages are told apart by `product_type` only.
    public init(instance: AdapterInstance) throws(AdapterError) {
        try self.init(instance: instance, packageIDs: [])
    }

    /// Makes the adapter for one SendOwl account whose packages (bundles) have the ids
    /// `packageIDs`: a cart item with one of these ids is a bundle even when its
    /// `product_type` does not say so. The mapping's `bundle:` routes of the instance are
    /// the natural list.
    public init(instance: AdapterInstance, packageIDs: Set<String>) throws(AdapterError) {
        signature = SendOwlSignature(signingKey: try instance.secret("signing_key"))
        self.instance = instance
        reader = OrderReader(instance: instance, packageIDs: packageIDs)
    }

    /// Verifies the signature and turns one delivery into facts, `ignored`, or an error.
    public func verify(_ request: InboundRequest) throws(AdapterError) -> Verdict {
        guard request.mediaType == "application/json" else {
            throw AdapterError(.unsupportedMediaType,
                               "SendOwl sends application/json, not \(request.mediaType ?? "a body without Content-Type")")
        }
        guard request.body.count <= Self.maximumBodySize else {
            throw AdapterError(.malformed, "body of \(request.body.count) bytes is larger than \(Self.maximumBodySize) bytes")
        }
        guard signature.isValid(request) else {
            throw AdapterError(.unauthenticated,
                               "\(SendOwlSignature.header) is missing or is not the signature of the body with the signing key of instance \(instance.id)")
        }
        let order = SendOwlOrder(fields: try OrderBody.order(in: request.body))
        return try reader.verdict(for: order, trigger: request.header("X-SENDOWL-EVENT"), receivedAt: request.receivedAt)
    }

    /// SendOwl's API for this account, when the instance has `api_key` and `api_secret`;
    /// it reads orders with the same ``OrderReader`` as the webhooks, so its facts carry
    /// the webhooks' keys.
    public func api(_ connection: ProviderConnection) -> (any ProviderAPI)? {
        guard let key = instance.secrets["api_key"], !key.isEmpty,
              let secret = instance.secrets["api_secret"], !secret.isEmpty else { return nil }
        return SendOwlAPI(credentials: SendOwlCredentials(key: key, secret: secret), reader: reader,
                          connection: connection)
    }
}
