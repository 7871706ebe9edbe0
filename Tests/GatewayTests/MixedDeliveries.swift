import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Mocks

/// One webhook delivery of any provider, posted as that provider posts it, with the moment
/// the event it reports happened: the order in which a replay "delivered once, in order"
/// sends it.
struct MixedDelivery: Sendable {
    /// A label for failure messages (`ann: tc-a refund of product 12`).
    let name: String
    /// The instance it is posted to, under `/webhooks/{instance}`.
    let instance: String
    let occurredAt: Date
    let body: [UInt8]
    private let signature: Signature

    /// How the provider proves a delivery is its own.
    private enum Signature: Sendable {
        /// ThriveCart: the secret word travels in the form body.
        case secretWordInBody
        /// SendOwl: `X-SENDOWL-HMAC-SHA256` of the body.
        case sendOwl(key: String)
        /// Stripe: `Stripe-Signature`, which must be fresh when it arrives.
        case stripe(secret: String)
    }

    /// A ThriveCart delivery, form-encoded as ThriveCart sends it.
    static func thriveCart(_ name: String, instance: String, _ payload: PayloadValue, occurredAt: Date) -> MixedDelivery {
        MixedDelivery(name: name, instance: instance, occurredAt: occurredAt, body: BodyEncoding.form.encode(payload),
                      signature: .secretWordInBody)
    }

    /// A SendOwl delivery of an order as it is at one moment, signed with `key`.
    static func sendOwl(_ name: String, instance: String, key: String, _ order: SendOwlOrder,
                        occurredAt: Date) -> MixedDelivery {
        MixedDelivery(name: name, instance: instance, occurredAt: occurredAt, body: SendOwlPayload.body(order).encoded,
                      signature: .sendOwl(key: key))
    }

    /// A Stripe event for the native checkout, signed with `secret` when it is posted.
    static func nativeCheckout(_ name: String, instance: String, secret: String, _ event: StripeJSON,
                               occurredAt: Date) -> MixedDelivery {
        MixedDelivery(name: name, instance: instance, occurredAt: occurredAt, body: StripeJSONWriter.encode(event),
                      signature: .stripe(secret: secret))
    }

    /// The headers the provider sends; a Stripe signature is made at `now`.
    func headers(now: Date) -> HTTPFields {
        switch signature {
        case .secretWordInBody:
            return [.contentType: BodyEncoding.form.contentType, .userAgent: "ThriveCart Webhooks"]
        case .sendOwl(let key):
            var headers: HTTPFields = [.contentType: "application/json", .userAgent: SendOwlRequest.userAgent]
            if let name = HTTPField.Name("X-SENDOWL-HMAC-SHA256") {
                headers[name] = SendOwlSigner.sign(body: body, key: key)
            }
            return headers
        case .stripe(let secret):
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8",
                                       .userAgent: "Stripe/1.0 (+https://stripe.com/docs/webhooks)"]
            if let name = HTTPField.Name("Stripe-Signature") {
                headers[name] = StripeSigner.signatureHeader(body: body, secret: secret, timestamp: now)
            }
            return headers
        }
    }

    /// Posts it once and reads the answer.
    func post(with client: some TestClientProtocol) async throws -> DeliveryAnswer {
        let response = try await client.execute(uri: "/webhooks/\(instance)", method: .post,
                                                headers: headers(now: Date()), body: ByteBuffer(bytes: body))
        return DeliveryAnswer(delivery: name, status: response.status,
                              outcome: response.body.json["status"] as? String, text: response.body.text)
    }

    /// Posts every delivery at once, each on its own task, and returns the answers.
    static func postConcurrently(_ deliveries: [MixedDelivery],
                                 with client: some TestClientProtocol) async throws -> [DeliveryAnswer] {
        try await withThrowingTaskGroup(of: DeliveryAnswer.self) { group in
            for delivery in deliveries {
                group.addTask { try await delivery.post(with: client) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}

/// What the gateway answered to one post of a delivery.
struct DeliveryAnswer: Sendable {
    let delivery: String
    let status: HTTPResponse.Status
    /// The body's `status`: `recorded`, `duplicate` or `ignored`.
    let outcome: String?
    let text: String
}

/// SplitMix64: a random number generator whose sequence a seed fixes, so that a shuffled
/// schedule of deliveries is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
