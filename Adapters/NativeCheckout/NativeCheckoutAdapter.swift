import AccessKernel
import AdapterKit
import Foundation

/// The native (Stripe-powered) checkout adapter: reads Stripe webhook events into facts.
///
/// Every delivery is signed (`Stripe-Signature`, see ``StripeSignatureVerifier``) with the
/// instance's `webhook_secret`, and the signed timestamp must lie within ``tolerance`` of
/// the arrival. The event id is the idempotency key (see ``NativeCheckoutFactKey``):
/// Stripe delivers out of order and more than once, for up to three days. With the
/// optional `api_key` the adapter also offers Stripe's API (``api(_:)``), whose listed
/// events go through the same decoding (``EventVerdict``) as the webhooks.
public struct NativeCheckoutAdapter: ProviderAdapter {
    /// The native checkout kind: endpoint secret required, API key optional; a refund
    /// keeps access and a cancellation ends it at the end of the paid period.
    public static var kind: ProviderKind { NativeCheckout.kind }

    /// How far the signed timestamp may be from the arrival, by default (Stripe's own).
    public static let defaultTolerance: TimeInterval = 300

    /// Largest body accepted; real events are a few kilobytes, with line items tens.
    public static let maximumBodySize = 1 << 20

    let instance: AdapterInstance
    private let verifier: StripeSignatureVerifier

    /// How far, in seconds, the signed timestamp may be from the arrival, either way.
    public var tolerance: TimeInterval { verifier.tolerance }

    /// Makes the adapter for one Stripe account with the default tolerance; throws
    /// `misconfigured` without `webhook_secret`.
    public init(instance: AdapterInstance) throws(AdapterError) {
        try self.init(instance: instance, tolerance: Self.defaultTolerance)
    }

    /// Makes the adapter with a tolerance of its own (seconds, either way), for clocks
    /// known to drift or tests of replay protection. A negative tolerance counts as zero,
    /// one over a year (or infinite) as a year, NaN as the default.
    public init(instance: AdapterInstance, tolerance: TimeInterval) throws(AdapterError) {
        let secret = try instance.secret("webhook_secret")
        self.instance = instance
        self.verifier = StripeSignatureVerifier(secret: secret, tolerance: tolerance)
    }

    /// Verifies the signature and its timestamp, then turns the event into one fact,
    /// `ignored`, or an error.
    public func verify(_ request: InboundRequest) throws(AdapterError) -> Verdict {
        guard request.body.count <= Self.maximumBodySize else {
            throw AdapterError(.malformed, "body of \(request.body.count) bytes is larger than \(Self.maximumBodySize) bytes")
        }
        try verifier.verify(request.header("Stripe-Signature"), body: request.body, receivedAt: request.receivedAt)
        guard request.mediaType == "application/json" else {
            throw AdapterError(.unsupportedMediaType,
                               "Stripe sends application/json, not \(request.mediaType ?? "a body without Content-Type")")
        }
        return try EventVerdict.verdict(for: StripeEvent(EventBody.parse(request.body)), instance: instance)
    }
}
