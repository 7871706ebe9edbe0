import AccessKernel
import AdapterKit
import Foundation

/// An adapter for "Ledger", the small made-up provider of `Mocks/Fixtures/reference`:
/// JSON bodies signed with `X-Ledger-Signature: hex(HMAC-SHA256(signing_key, body))`.
///
/// `Flaws` switches on deliberate mistakes, so that the conformance suite can be shown to
/// catch each of them; ``Faultless`` makes the correct adapter.
struct LedgerAdapter<Flaws: LedgerFlaws>: ProviderAdapter {
    static var kind: ProviderKind { ProviderKind(name: "ledger", displayName: "Ledger", requiredSecrets: ["signing_key"]) }

    private let instance: AdapterInstance
    private let verifier: HMACVerifier

    init(instance: AdapterInstance) throws(AdapterError) {
        let key = Flaws.has(.laxConfiguration) ? instance.secrets["signing_key"] ?? "" : try instance.secret("signing_key")
        self.instance = instance
        self.verifier = HMACVerifier(secret: key)
    }

    func verify(_ request: InboundRequest) throws(AdapterError) -> Verdict {
        guard Flaws.has(.anyContentType) || request.mediaType == "application/json" else {
            throw AdapterError(.unsupportedMediaType, "Ledger sends application/json")
        }
        guard Flaws.has(.anySecret) || verifier.isValid(hexSignature: request.header("X-Ledger-Signature") ?? "", for: request.body) else {
            throw AdapterError(.unauthenticated, "X-Ledger-Signature does not match")
        }
        guard request.body.count <= 65_536, String(validating: request.body, as: UTF8.self) != nil,
              !request.body.contains(0), request.body.first == UInt8(ascii: "{") else {
            throw AdapterError(.malformed, "not a Ledger JSON object")
        }
        let event: LedgerEvent
        do {
            event = try JSONDecoder().decode(LedgerEvent.self, from: Data(request.body))
        } catch {
            throw AdapterError(.malformed, "not a Ledger event")
        }
        let mode: Mode = event.mode == "test" && !Flaws.has(.liveOnly) ? .test : .live
        if mode == .test, !instance.acceptsTestEvents { return .ignored(reason: "test event") }
        let factInstance = Flaws.has(.wrongInstance) ? "ledger" : instance.id
        let keySuffix = Flaws.has(.randomKeys) ? ":\(UUID().uuidString)" : ""
        func fact(_ name: String, _ body: Event) -> Verdict {
            .facts([Fact(key: FactKey("\(instance.id):\(name):\(event.id)\(keySuffix)"), instance: factInstance,
                         occurredAt: Date(timeIntervalSince1970: TimeInterval(event.at)), mode: mode,
                         customer: CustomerRef(email: event.email), event: body)])
        }
        switch event.type {
        case "sale":
            guard let product = event.product, let amount = event.amount, let currency = event.currency else {
                throw AdapterError(.malformed, "a sale names its product, amount and currency")
            }
            return fact("sale", .purchase(Purchase(orderID: event.id, items: [
                OrderItem(key: ItemKey(.product, product), amount: amount, currency: currency),
            ])))
        case "refund":
            guard let amount = event.amount, let currency = event.currency else {
                throw AdapterError(.malformed, "a refund names its amount and currency")
            }
            return fact("refund", .refund(Refund(orderID: event.id, amount: amount, currency: currency)))
        case "ping":
            return .ignored(reason: "ping")
        default:
            return .ignored(reason: "unknown event \(event.type)")
        }
    }
}

/// One Ledger delivery.
private struct LedgerEvent: Decodable {
    var type: String
    var id: String
    var mode: String
    var email: String?
    var product: String?
    var amount: Int64?
    var currency: String?
    var at: Int64
}

/// Mistakes a Ledger adapter can be made with.
enum LedgerFlaw: Sendable {
    /// Accepts deliveries whatever their signature.
    case anySecret
    /// Puts a fresh random part in every key.
    case randomKeys
    /// Reads bodies whatever their Content-Type says.
    case anyContentType
    /// Takes every delivery for live mode.
    case liveOnly
    /// Stamps facts with a fixed instance name instead of the instance's.
    case wrongInstance
    /// Starts without its signing key.
    case laxConfiguration
}

/// The set of flaws an adapter type is built with.
protocol LedgerFlaws: Sendable {
    static var flaws: Set<LedgerFlaw> { get }
}

extension LedgerFlaws {
    static func has(_ flaw: LedgerFlaw) -> Bool { flaws.contains(flaw) }
}

enum Faultless: LedgerFlaws { static var flaws: Set<LedgerFlaw> { [] } }
enum AcceptsAnySecret: LedgerFlaws { static var flaws: Set<LedgerFlaw> { [.anySecret] } }
enum MakesRandomKeys: LedgerFlaws { static var flaws: Set<LedgerFlaw> { [.randomKeys] } }
enum IgnoresContentType: LedgerFlaws { static var flaws: Set<LedgerFlaw> { [.anyContentType] } }
enum SeesOnlyLiveMode: LedgerFlaws { static var flaws: Set<LedgerFlaw> { [.liveOnly] } }
enum ForgetsItsInstance: LedgerFlaws { static var flaws: Set<LedgerFlaw> { [.wrongInstance] } }
enum StartsWithoutKey: LedgerFlaws { static var flaws: Set<LedgerFlaw> { [.laxConfiguration] } }
