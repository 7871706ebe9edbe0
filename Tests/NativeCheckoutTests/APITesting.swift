import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Outbound

/// The Stripe API under test: the adapter's API through a real libcurl client to a
/// ``MockStripeAPI`` on loopback.
enum APITesting {
    typealias S = NativeCheckoutScenario

    /// The scenario's instance with an API key (the mock's unless told otherwise).
    static func adapter(apiKey: String? = MockStripeAPI.defaultAPIKey, acceptsTestEvents: Bool = true) throws -> NativeCheckoutAdapter {
        var secrets = ["webhook_secret": S.webhookSecret]
        if let apiKey { secrets[NativeCheckoutAdapter.apiKeySecret] = apiKey }
        return try NativeCheckoutAdapter(instance: AdapterInstance(id: S.instanceID, secrets: secrets,
                                                                   acceptsTestEvents: acceptsTestEvents))
    }

    /// The connection the tests use: libcurl to the mock, 20 ms between requests.
    static func connection(to mock: MockStripeAPI, interval: Duration = .milliseconds(20),
                           retries: Int = 3) -> ProviderConnection {
        ProviderConnection(transport: CurlClient(), baseURL: mock.baseURL, minimumInterval: interval, retries: retries)
    }

    /// The adapter's API against `mock`.
    static func api(_ mock: MockStripeAPI, apiKey: String = MockStripeAPI.defaultAPIKey, acceptsTestEvents: Bool = true,
                    interval: Duration = .milliseconds(20), retries: Int = 3) throws -> any ProviderAPI {
        let adapter = try adapter(apiKey: apiKey, acceptsTestEvents: acceptsTestEvents)
        guard let api = adapter.api(connection(to: mock, interval: interval, retries: retries)) else {
            throw NativeCheckoutTesting.Unexpected(description: "an instance with an api_key offers an API")
        }
        return api
    }

    /// The facts the webhook path gives for `event`, delivered now and signed.
    static func webhookFacts(_ event: StripeJSON, acceptsTestEvents: Bool = true) throws -> [Fact] {
        guard case .facts(let facts) = try adapter(acceptsTestEvents: acceptsTestEvents).verify(NativeCheckoutRequest.make(event)) else {
            return []
        }
        return facts
    }


    /// `invoice.paid` number `index` of the coaching vault, created at `created`: many of
    /// them fill several pages of `GET /v1/events`.
    static func renewal(_ index: Int, created: Date) -> StripeJSON {
        StripeEventBuilder.invoice(type: "invoice.paid", eventID: "evt_1Renewal\(index)", invoiceID: "in_1Renewal\(index)",
                                   subscription: S.subscriptionOrder.subscription ?? "", price: S.vaultMonthly, buyer: S.kwame,
                                   periodStart: created, periodEnd: created.addingTimeInterval(30 * 86_400),
                                   paymentIntent: "pi_1Renewal\(index)", charge: "ch_1Renewal\(index)", created: created)
    }

    /// The requests that reached `path`, in order.
    static func requests(_ mock: MockStripeAPI, _ method: String, _ path: String) -> [MockAPIServer.Request] {
        mock.requests.filter { $0.method == method && $0.path == path }
    }
}
