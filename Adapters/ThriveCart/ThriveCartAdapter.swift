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
    /// ThriveCart: secret word required; API key (and `api_mode`, `live` or `test`)
    /// optional; single-payment products revoke on refund, provider cancellations end
    /// access at the end of the paid period.
    public static let kind = ProviderKind(name: "thrivecart", displayName: "ThriveCart",
                                          requiredSecrets: ["secret"], optionalSecrets: ["api_key", "api_mode"],
                                          defaultPolicies: Policies(onRefund: .revoke, onCancel: .periodEnd))

    /// Largest body accepted; real deliveries are a few kilobytes.
    public static let maximumBodySize = 1 << 20

    private let instance: AdapterInstance
    private let secretWord: [UInt8]
    /// The mode the API is asked about (`X-TC-Mode`).
    private let apiMode: Mode

    /// Makes the adapter for one ThriveCart account; throws `misconfigured` without
    /// `secret`, or with an `api_mode` other than `live` or `test`.
    public init(instance: AdapterInstance) throws(AdapterError) {
        self.secretWord = Array(try instance.secret("secret").utf8)
        switch instance.secrets["api_mode"]?.lowercased() {
        case nil, "", "live": apiMode = .live
        case "test": apiMode = .test
        case let other?:
            throw AdapterError(.misconfigured, "instance \(instance.id) has api_mode \(other.prefix(16)); expected live or test")
        }
        self.instance = instance
    }

    /// ThriveCart's API for this account, or `nil` when the instance has no `api_key`.
    public func api(_ connection: ProviderConnection) -> (any ProviderAPI)? {
        guard let key = instance.secrets["api_key"], !key.isEmpty else { return nil }
        return ThriveCartAPI(apiKey: key, mode: apiMode, instance: instance, connection: connection)
    }

    /// Verifies the secret word and turns one delivery into facts, `ignored`, or an error.
    public func verify(_ request: InboundRequest) throws(AdapterError) -> Verdict {
        let delivery = Delivery(fields: try Self.fields(of: request))
        guard let secret = delivery.fields.value(at: ["thrivecart_secret"])?.text,
              ConstantTime.equals(Array(secret.utf8), secretWord) else {
            throw AdapterError(.unauthenticated, "thrivecart_secret is missing or is not the secret word of instance \(instance.id)")
        }
        return try DeliveryReader.verdict(of: delivery, instance: instance, receivedAt: request.receivedAt)
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
}
