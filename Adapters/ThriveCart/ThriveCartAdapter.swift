import AccessKernel
import AdapterKit
import Foundation

/// The ThriveCart adapter: reads account webhooks (form-encoded with PHP bracket keys,
/// or the same structure as JSON) into facts.
///
/// ThriveCart signs nothing: the body carries `thrivecart_secret`, the account's secret
/// word, which is compared in constant time with the instance's `secret`. There is no
/// timestamp either, so idempotency keys (see ``ThriveCartFactKey``) carry the dedup.
public struct ThriveCartAdapter: ProviderAdapter {
    /// ThriveCart: secret word required, API key optional; single-payment products
    /// revoke on refund, provider cancellations end access at the end of the paid period.
    public static let kind = ProviderKind(name: "thrivecart", displayName: "ThriveCart",
                                          requiredSecrets: ["secret"], optionalSecrets: ["api_key"],
                                          defaultPolicies: Policies(onRefund: .revoke, onCancel: .periodEnd))

    /// Largest body accepted; real deliveries are a few kilobytes.
    public static let maximumBodySize = 1 << 20

    private let instance: AdapterInstance
    private let secretWord: [UInt8]

    /// Makes the adapter for one ThriveCart account; throws `misconfigured` without `secret`.
    public init(instance: AdapterInstance) throws(AdapterError) {
        self.secretWord = Array(try instance.secret("secret").utf8)
        self.instance = instance
    }

    /// Verifies the secret word and turns one delivery into facts, `ignored`, or an error.
    public func verify(_ request: InboundRequest) throws(AdapterError) -> Verdict {
        let delivery = Delivery(fields: try Self.fields(of: request))
        guard let secret = delivery.fields.value(at: ["thrivecart_secret"])?.text,
              ConstantTime.equals(Array(secret.utf8), secretWord) else {
            throw AdapterError(.unauthenticated, "thrivecart_secret is missing or is not the secret word of instance \(instance.id)")
        }
        let name = try delivery.required("event", because: "every ThriveCart delivery names its event")
        guard let event = ThriveCartEvent(rawValue: name) else {
            return .ignored(reason: ThriveCartEvent.reasonToIgnore(name))
        }
        let mode = delivery.mode
        if mode == .test, !instance.acceptsTestEvents {
            return .ignored(reason: "test-mode \(name) ignored: instance \(instance.id) does not accept test events")
        }
        let orderID = try delivery.required("order_id", because: "\(name) must name its order")
        let (decoded, parts) = try Self.event(event, orderID: orderID, in: delivery)
        let fact = Fact(key: ThriveCartFactKey.make(instance: instance.id, event: event, orderID: orderID, parts: parts),
                        instance: instance.id, occurredAt: delivery.occurredAt(receivedAt: request.receivedAt),
                        mode: mode, customer: delivery.customer, event: decoded)
        return .facts([fact])
    }

    /// The body's fields, by media type; anything but form or JSON is refused.
    private static func fields(of request: InboundRequest) throws(AdapterError) -> FormTable {
        let parse: ([UInt8]) throws(AdapterError) -> FormTable
        switch request.mediaType {
        case "application/x-www-form-urlencoded": parse = URLEncodedForm.parse
        case "application/json": parse = JSONForm.parse
        case let other:
            throw AdapterError(.unsupportedMediaType,
                               "ThriveCart sends application/x-www-form-urlencoded or application/json, not \(other ?? "a body without Content-Type")")
        }
        guard request.body.count <= maximumBodySize else {
            throw AdapterError(.malformed, "body of \(request.body.count) bytes is larger than \(maximumBodySize) bytes")
        }
        guard request.body.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw AdapterError(.malformed, "body is empty")
        }
        let fields = try parse(request.body)
        guard !fields.isEmpty else { throw AdapterError(.malformed, "body has no fields") }
        return fields
    }

    /// The kernel event one ThriveCart event describes, with the parts of its key.
    private static func event(_ event: ThriveCartEvent, orderID: String,
                              in delivery: Delivery) throws(AdapterError) -> (Event, [(label: String, value: String)]) {
        switch event {
        case .orderSuccess:
            _ = try delivery.required("customer", "email", because: "order.success must say who bought")
            return (.purchase(try PurchaseDecoder.purchase(orderID: orderID, in: delivery)), [])
        case .refund:
            let (refund, parts) = try RefundDecoder.refund(orderID: orderID, in: delivery)
            return (.refund(refund), parts)
        case .subscriptionPayment, .subscriptionCancelled, .subscriptionPaused, .subscriptionResumed, .rebillFailed:
            let (change, parts) = try SubscriptionDecoder.change(event, orderID: orderID, in: delivery)
            return (.subscription(change), parts)
        }
    }
}
