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
public struct SendOwlAdapter: ProviderAdapter {
    /// SendOwl: signing key required, API key and secret optional; refunds revoke,
    /// cancellations end access at the end of the paid period.
    public static var kind: ProviderKind { SendOwl.kind }

    /// Largest body accepted; real deliveries are a few kilobytes.
    public static let maximumBodySize = 1 << 20

    private let instance: AdapterInstance
    private let signature: SendOwlSignature
    private let packageIDs: Set<String>

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
        self.packageIDs = packageIDs
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
        let id = try order.id()
        guard let state = try Self.state(of: order, trigger: request.header("X-SENDOWL-EVENT")) else {
            return .ignored(reason: "unknown SendOwl order state \(order.state.map { String($0.prefix(64)) } ?? "")")
        }
        let mode = Self.mode(of: order)
        if mode == .test, !instance.acceptsTestEvents {
            return .ignored(reason: "test-mode SendOwl order \(id) ignored: instance \(instance.id) does not accept test events")
        }
        let facts = OrderFacts(order: order, instance: instance.id, packageIDs: packageIDs, mode: mode,
                               receivedAt: request.receivedAt)
        return try facts.verdict(state: state, refunded: try order.refunded())
    }

    /// The order's state from `state`, else from the trigger header; `nil` when the body
    /// names a state this adapter does not know. Neither present is malformed.
    private static func state(of order: SendOwlOrder, trigger: String?) throws(AdapterError) -> OrderState? {
        if let text = order.state {
            if let state = OrderState(state: text) { return state }
            return trigger.flatMap(OrderState.init(event:))
        }
        if let state = trigger.flatMap(OrderState.init(event:)) { return state }
        throw AdapterError(.malformed, "state is missing; a SendOwl order says what state it is in")
    }

    /// Test mode when the gateway names a test or sandbox gateway, else live.
    private static func mode(of order: SendOwlOrder) -> Mode {
        guard let gateway = order.gateway?.lowercased() else { return .live }
        let words = gateway.split { !($0.isLetter || $0.isNumber) }
        return words.contains("test") || words.contains("sandbox") ? .test : .live
    }
}
