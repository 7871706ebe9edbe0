import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Outbound
import Testing

/// How the Stripe API client behaves on the wire: its key, Stripe's rate limit, and a
/// provider having a bad day. Real libcurl to the loopback mock throughout.
@Suite("Stripe API: transport")
struct APITransportTests {
    typealias S = NativeCheckoutScenario
    static let longAgo = Date(unix: 1_700_000_000)

    /// A mock with the scenario's events, none delivered.
    private static func mock() throws -> MockStripeAPI {
        let mock = try MockStripeAPI()
        mock.addScenario()
        return mock
    }

    @Test("every request carries the secret key as a Bearer token")
    func bearerKey() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let api = try APITesting.api(mock)
        _ = try await api.recentFacts(since: Self.longAgo) { _ in }
        _ = try await api.perform(.pause(SubscriptionHandle(subscriptionID: S.subscriptionOrder.subscription ?? "")))
        #expect(mock.requests.count == 2)
        #expect(mock.requests.allSatisfy { $0.headers["Authorization"] == "Bearer \(MockStripeAPI.defaultAPIKey)" })
    }

    @Test("a wrong key is unauthenticated")
    func wrongKeyIsUnauthenticated() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let api = try APITesting.api(mock, apiKey: "sk_test_wrong")
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await api.recentFacts(since: Self.longAgo) { _ in } }
        #expect(error?.kind == .unauthenticated)
        #expect(error?.status == 401)
        #expect(mock.requests.count == 1, "a refused key is not tried again")
    }

    @Test("a 429 is waited out for its Retry-After, then the call succeeds")
    func throttledIsRetriedAfterTheWait() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        mock.server.throttleNext(1, retryAfter: "1")
        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { _ in }
        #expect(facts.count == 18)
        let arrivals = mock.requests.map(\.receivedAt)
        #expect(arrivals.count == 2)
        if arrivals.count == 2 { #expect(arrivals[0].duration(to: arrivals[1]) >= .milliseconds(750)) }
    }

    @Test("a Retry-After longer than the connection waits for is rateLimited, with the wait")
    func longRetryAfterIsRateLimited() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        mock.server.throttleNext(1, retryAfter: "3600")
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await api.recentFacts(since: Self.longAgo) { _ in } }
        #expect(error?.kind == .rateLimited)
        #expect(error?.retryAfter == .seconds(3600))
    }

    @Test("500s are retried and the call then succeeds")
    func serverErrorIsRetried() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        mock.server.failNext(2)
        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { _ in }
        #expect(facts.count == 18)
        #expect(mock.requests.count == 3)
    }

    @Test("500s beyond the retries are a transport failure")
    func serverErrorForeverIsTransport() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        mock.server.failNext(100)
        let api = try APITesting.api(mock, retries: 1)
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await api.recentFacts(since: Self.longAgo) { _ in } }
        #expect(error?.kind == .transport)
        #expect(error?.status == 500)
        #expect(mock.requests.count == 2)
    }

    @Test("a dropped connection is tried again")
    func droppedConnectionIsRetried() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        mock.server.dropNext(1)
        let facts = try await APITesting.api(mock).recentFacts(since: Self.longAgo) { _ in }
        #expect(facts.count == 18)
        #expect(mock.requests.count == 2)
    }

    /// Pauses and resumes the scenario's subscription `times` times in turn: small calls,
    /// which unpaced would follow each other within a few milliseconds.
    private static func pauseAndResume(_ api: any ProviderAPI, times: Int) async throws {
        let handle = SubscriptionHandle(subscriptionID: S.subscriptionOrder.subscription ?? "")
        for index in 0..<times { _ = try await api.perform(index.isMultiple(of: 2) ? .pause(handle) : .resume(handle)) }
    }

    @Test("requests are spaced at least the minimum interval apart")
    func requestsArePaced() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        try await Self.pauseAndResume(try APITesting.api(mock, interval: .milliseconds(200)), times: 6)
        let arrivals = mock.requests.map(\.receivedAt)
        #expect(arrivals.count == 6)
        // Arrival times jitter on a busy machine (a request can wait in the server's accept queue),
        // so the check is on the span of all of them, with one interval of slack: unpaced, they
        // would all arrive within a few milliseconds.
        if let first = arrivals.first, let last = arrivals.last { #expect(first.duration(to: last) >= .milliseconds(800)) }
    }

    @Test("the default pacing is Stripe's: 50 ms")
    func defaultPacing() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let adapter = try APITesting.adapter()
        let api = try #require(adapter.api(ProviderConnection(transport: CurlClient(), baseURL: mock.baseURL)))
        try await Self.pauseAndResume(api, times: 6)
        let arrivals = mock.requests.map(\.receivedAt)
        #expect(arrivals.count == 6)
        if let first = arrivals.first, let last = arrivals.last { #expect(first.duration(to: last) >= .milliseconds(200)) }
    }

    @Test("an api_url ending in /v1 names the same API")
    func baseURLWithVersion() async throws {
        let mock = try Self.mock()
        defer { mock.stop() }
        let connection = ProviderConnection(transport: CurlClient(), baseURL: mock.baseURL + "/v1/", minimumInterval: .milliseconds(20))
        let api = try #require(try APITesting.adapter().api(connection))
        _ = try await api.recentFacts(since: Self.longAgo) { _ in }
        #expect(mock.requests.map(\.path) == ["/v1/events"])
    }
}
