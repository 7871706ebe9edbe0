import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Failures the caller cannot fix")
struct FailureAnswerTests {
    @Test("a store that fails is a 500 JSON answer that says nothing about the failure")
    func storeFailure() async throws {
        let harness = try await GatewayHarness.make(storeFailure: StoreDouble.DiskOnFire())
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                    body: ProbeDelivery.purchase(order: "1", email: "ann@example.com"))
            #expect(response.status == .internalServerError)
            #expect(response.body.json["code"] as? String == "internal_error")
            #expect(!response.body.text.contains("secret"))
            #expect(!response.body.text.contains("disk"))
        }
    }

    @Test("an adapter missing its configuration is a 500 JSON answer that does not repeat the adapter's detail")
    func misconfiguredAdapter() async throws {
        let harness = try await GatewayHarness.make()
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                    body: ProbeDelivery.command("misconfigured"))
            #expect(response.status == .internalServerError)
            #expect(response.body.json["code"] as? String == "misconfigured")
            #expect(!response.body.text.contains("webhook-secret-XYZ"))
        }
    }
}
