import AccessKernel
import AdapterKit
import Foundation

/// A test-only adapter kind, `probe`, so the gateway's routing, error answers and group
/// commit are tested without depending on a real provider's payloads.
///
/// A probe delivery is `text/plain` with the instance's token in `X-Probe-Token`; its
/// body is one command (see ``ProbeDelivery``).
struct ProbeAdapter: ProviderAdapter {
    static let kind = ProviderKind(name: "probe", displayName: "Probe", requiredSecrets: ["token"],
                                   defaultPolicies: Policies(onRefund: .revoke))

    private let instance: AdapterInstance
    private let token: String

    init(instance: AdapterInstance) throws(AdapterError) {
        self.instance = instance
        self.token = try instance.secret("token")
    }

    func verify(_ request: InboundRequest) throws(AdapterError) -> Verdict {
        guard request.mediaType == "text/plain" else {
            throw AdapterError(.unsupportedMediaType, "probe deliveries are text/plain")
        }
        guard let sent = request.header("X-Probe-Token"), ConstantTime.equals(sent, token) else {
            throw AdapterError(.unauthenticated, "X-Probe-Token is missing or wrong")
        }
        let words = String(decoding: request.body, as: UTF8.self).split(separator: " ").map(String.init)
        switch words.first {
        case "purchase" where words.count == 4:
            let (order, email, product) = (words[1], words[2], words[3])
            return .facts([Fact(key: FactKey("\(instance.id):purchase:\(order)"), instance: instance.id,
                                occurredAt: request.receivedAt, customer: CustomerRef(email: email),
                                event: .purchase(Purchase(orderID: order, items: [
                                    OrderItem(key: ItemKey(.product, product), amount: 4900, currency: "USD"),
                                ])))])
        case "refund" where words.count == 2:
            return .facts([Fact(key: FactKey("\(instance.id):refund:\(words[1])"), instance: instance.id,
                                occurredAt: request.receivedAt, customer: CustomerRef(),
                                event: .refund(Refund(orderID: words[1], amount: 4900, currency: "USD")))])
        case "ignore":
            return .ignored(reason: "probe told to ignore")
        case "misconfigured":
            throw AdapterError(.misconfigured, "probe has no signing key for webhook-secret-XYZ")
        case "stale":
            throw AdapterError(.stale, "probe timestamp outside tolerance")
        default:
            throw AdapterError(.malformed, "not a probe command")
        }
    }
}
