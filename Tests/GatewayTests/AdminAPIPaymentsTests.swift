import AccessKernel
import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Mocks
import Testing

/// Refunds and subscription actions through the admin API reach the mock ThriveCart account
/// over loopback: the gateway builds each instance's provider API from the mapping's `api_url`.
@Suite("admin API: payments through the provider")
struct AdminAPIPaymentsTests {
    typealias TC = ThriveCartScenario

    /// The gateway on the support fixture's mapping, `tc-main` pointed at `mock`, with Zoë's
    /// bundle and Ana's membership recorded as reconciliation would.
    static func gateway(_ mock: MockThriveCartAPI) async throws -> GatewayHarness {
        let text = SupportChangeFixture.mappingText()
            .replacingOccurrences(of: "kind: thrivecart\n", with: "kind: thrivecart\n    api_url: \(mock.baseURL)\n")
        let harness = try await GatewayHarness.make(mappingText: text, environment: [:])
        let api = try SupportChangeFixture.api("tc-main", baseURL: mock.baseURL)
        for order in [TC.bundleOrder.orderID, TC.membershipOrder.orderID] {
            _ = try await harness.store.record(try await api.orderFacts(orderID: order), under: harness.gateway.live.current.version, now: Date())
        }
        return harness
    }

    @Test("a refund goes to the provider and answers its summary; access waits for the refund itself")
    func refund() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        mock.sell(TC.bundleOrder)
        mock.sell(TC.membershipOrder)
        let harness = try await Self.gateway(mock)
        let admin = try await harness.authorization(scope: .admin)
        let zoe = try await harness.customerID(TC.bundleOrder.customer.email)
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.call(
                .post, "/v1/customers/\(zoe)/refunds", key: admin,
                json: #"{"instance": "tc-main", "order_id": "\#(TC.bundleOrder.orderID)", "item": "2", "reason": "asked within 14 days"}"#)
            #expect(response.status == .ok, "\(response.body.text)")
            #expect(response.body.json["summary"] as? String == "refunded item 2 of ThriveCart order 3230022 in full")
            #expect((response.body.json["changes"] as? [Any])?.isEmpty == true)
            #expect(mock.requests.last?.path == "/refund")

            let partial = try await client.call(.post, "/v1/customers/\(zoe)/refunds", key: admin,
                                                json: #"{"instance": "tc-main", "order_id": "1", "amount_cents": 0}"#)
            #expect(partial.status == .unprocessableContent)
            #expect(partial.body.json["field"] as? String == "amount_cents")
        }
    }

    @Test("an admin cancel stops payments at the provider and keeps access by default")
    func cancel() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        mock.sell(TC.bundleOrder)
        mock.sell(TC.membershipOrder)
        let harness = try await Self.gateway(mock)
        let admin = try await harness.authorization(scope: .admin)
        let ana = try await harness.customerID(TC.membershipOrder.customer.email)
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.call(.post, "/v1/customers/\(ana)/subscriptions/3498819/cancel", key: admin,
                                                 json: #"{"instance": "tc-main"}"#)
            #expect(response.status == .ok, "\(response.body.text)")
            #expect(response.body.json["summary"] as? String == "cancelled ThriveCart subscription 3498819")
            #expect(mock.requests.last?.path == "/cancelSubscription")
            let check = try await client.call(.get, "/v1/access?email=\(TC.membershipOrder.customer.email)&course=studio", key: admin)
            #expect(check.body.json["status"] as? String == "active")
        }
    }

    @Test("an instance without a provider API is 501; a provider failure is 502")
    func unsupportedAndProviderFailure() async throws {
        let mock = try MockThriveCartAPI()
        mock.sell(TC.bundleOrder)
        mock.sell(TC.membershipOrder)
        let harness = try await Self.gateway(mock)
        let admin = try await harness.authorization(scope: .admin)
        let zoe = try await harness.customerID(TC.bundleOrder.customer.email)
        mock.stop()
        try await harness.gateway.application.test(.router) { client in
            let bare = try await client.call(.post, "/v1/customers/\(zoe)/refunds", key: admin,
                                             json: #"{"instance": "bare", "order_id": "1"}"#)
            #expect(bare.status == .notImplemented, "\(bare.body.text)")
            #expect(bare.code == "unsupported")
            let down = try await client.call(.post, "/v1/customers/\(zoe)/refunds", key: admin,
                                             json: #"{"instance": "tc-main", "order_id": "\#(TC.bundleOrder.orderID)", "item": "2"}"#)
            #expect(down.status == .badGateway, "\(down.body.text)")
            #expect(down.code == "provider_error")
        }
    }
}
