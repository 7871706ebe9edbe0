import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Outbound
import SendOwl

/// The API side of the SendOwl tests: an adapter with API secrets, and its API reaching a
/// ``MockSendOwlAPI`` through a real libcurl client on loopback.
enum SendOwlAPITesting {
    static let client = CurlClient(configuration: .init(timeout: .seconds(10)))

    /// The instance of ``SendOwlTesting`` with the mock account's API key and secret.
    static func adapter(key: String = MockSendOwlAPI.defaultKey, secret: String = MockSendOwlAPI.defaultSecret,
                        acceptsTestEvents: Bool = true) throws -> SendOwlAdapter {
        var instance = SendOwlTesting.instance
        instance.secrets["api_key"] = key
        instance.secrets["api_secret"] = secret
        instance.acceptsTestEvents = acceptsTestEvents
        return try SendOwlAdapter(instance: instance)
    }

    /// The connection to `mock`: 20 ms between requests unless told, retries as given.
    static func connection(_ mock: MockSendOwlAPI, interval: Duration? = .milliseconds(20), retries: Int = 3,
                           maxRetryAfter: Duration = .seconds(60)) -> ProviderConnection {
        ProviderConnection(transport: client, baseURL: mock.baseURL, minimumInterval: interval, retries: retries,
                           maxRetryAfter: maxRetryAfter)
    }

    /// The adapter's API reaching `mock`.
    static func api(_ mock: MockSendOwlAPI, key: String = MockSendOwlAPI.defaultKey,
                    secret: String = MockSendOwlAPI.defaultSecret, acceptsTestEvents: Bool = true,
                    interval: Duration? = .milliseconds(20), retries: Int = 3) throws -> any ProviderAPI {
        guard let api = try adapter(key: key, secret: secret, acceptsTestEvents: acceptsTestEvents)
            .api(connection(mock, interval: interval, retries: retries)) else {
            throw SendOwlTesting.Unexpected(description: "an instance with api_key and api_secret offers the API")
        }
        return api
    }


    /// The webhook's facts for `order` as delivered at `receivedAt` (none when ignored).
    static func webhookFacts(_ order: Mocks.SendOwlOrder, receivedAt: Date) throws -> [Fact] {
        let verdict = try SendOwlTesting.adapter().verify(SendOwlRequest.make(SendOwlPayload.body(order), receivedAt: receivedAt))
        if case .facts(let facts) = verdict { return facts }
        return []
    }
}

extension MockAPIServer.Request {
    /// The request's `page` parameter as a number.
    var page: Int? { query["page"].flatMap { Int($0) } }
}
