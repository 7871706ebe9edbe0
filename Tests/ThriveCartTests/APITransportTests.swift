import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Outbound
import Testing
import ThriveCart

/// How the ThriveCart API client talks to ThriveCart: credentials, retries, failures and
/// pacing, over real libcurl to the mock on loopback.
@Suite struct APITransport {
    typealias S = ThriveCartScenario

    private static func account() throws -> MockThriveCartAPI {
        let mock = try MockThriveCartAPI()
        mock.sell(S.bundleOrder)
        return mock
    }

    @Test func everyRequestCarriesTheBearerKeyTheLiveModeAndAsksForJSON() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        _ = try await APITesting.allFacts(APITesting.api(mock))
        let request = try #require(mock.requests.first)
        #expect(request.method == "GET")
        #expect(request.headers["Authorization"] == "Bearer \(mock.apiKey)")
        #expect(request.headers["X-TC-Mode"] == "live")
        #expect(request.headers["Accept"] == "application/json")
    }

    @Test func aWrongKeyIsUnauthenticated() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        let api = try APITesting.api(mock, key: "tc-api-key-revoked")
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await APITesting.allFacts(api) }
        #expect(error?.kind == .unauthenticated)
        #expect(error?.status == 401)
        #expect(mock.requests.count == 1, "credentials are not tried again")
    }

    @Test func a429IsWaitedOutAsRetryAfterSaysThenTheRequestSucceeds() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        mock.server.throttleNext(1, retryAfter: "1")
        let facts = try await APITesting.allFacts(APITesting.api(mock))
        #expect(facts.map(\.key) == ["tc-main:order.success:3230022"])
        #expect(mock.requests.count == 2)
        #expect(APITesting.gaps(mock.requests).allSatisfy { $0 >= 0.75 }, "Retry-After: 1 is a second between the tries")
    }

    @Test func a429AskingForLongerThanTheCallMayWaitIsRateLimited() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        mock.server.throttleNext(1, retryAfter: "3600")
        let api = try APITesting.api(mock)
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await APITesting.allFacts(api) }
        #expect(error?.kind == .rateLimited)
        #expect(error?.retryAfter == .seconds(3600))
    }

    @Test func a500IsTriedAgainUntilItSucceeds() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        mock.server.failNext(2)
        let facts = try await APITesting.allFacts(APITesting.api(mock))
        #expect(facts.map(\.key) == ["tc-main:order.success:3230022"])
        #expect(mock.requests.count == 3)
    }

    @Test func a500ThatLastsIsATransportFailureAfterTheRetries() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        mock.server.failNext(100)
        let api = try APITesting.api(mock, retries: 2)
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await APITesting.allFacts(api) }
        #expect(error?.kind == .transport)
        #expect(error?.status == 500)
        #expect(mock.requests.count == 3)
    }

    @Test func aDroppedConnectionIsTriedAgain() async throws {
        let mock = try Self.account()
        defer { mock.stop() }
        mock.server.dropNext(1)
        let facts = try await APITesting.allFacts(APITesting.api(mock))
        #expect(facts.map(\.key) == ["tc-main:order.success:3230022"])
        #expect(mock.requests.count == 2)
    }

    @Test func anAnswerThatIsNotAListingIsMalformed() async throws {
        let server = try MockAPIServer { _ in .json(200, ["orders": []]) }
        defer { server.stop() }
        let connection = ProviderConnection(transport: CurlClient(), baseURL: server.baseURL,
                                            minimumInterval: .milliseconds(20))
        let adapter = try ThriveCartAdapter(instance: AdapterInstance(id: S.instanceID,
                                                                      secrets: ["secret": S.secretWord, "api_key": "k"]))
        let api = try #require(adapter.api(connection))
        let error = await APICall.failure { () async throws(ProviderAPIError) in try await APITesting.allFacts(api) }
        #expect(error?.kind == .malformedResponse)
    }

    @Test func requestsAreSpacedAtLeastTheMinimumIntervalApart() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        for index in 0..<30 { mock.sell(APITesting.order(index, daysAgo: 2 + Double(index))) }
        _ = try await APITesting.allFacts(APITesting.api(mock, minimumInterval: .milliseconds(300)))
        #expect(mock.requests.count == 3)
        // Arrival times jitter on a busy machine (a request can wait in the server's accept queue),
        // so the check is on the span of all of them, with one interval of slack: unpaced, they
        // would all arrive within a few milliseconds.
        #expect(APITesting.gaps(mock.requests).reduce(0, +) >= 0.3, "\(APITesting.gaps(mock.requests))")
    }

    @Test func withoutAnOverrideRequestsAreASecondApartAsThriveCartsLimitAsks() async throws {
        let mock = try MockThriveCartAPI()
        defer { mock.stop() }
        for index in 0..<13 { mock.sell(APITesting.order(index, daysAgo: 2 + Double(index))) }
        _ = try await APITesting.allFacts(APITesting.api(mock, minimumInterval: nil))
        #expect(mock.requests.count == 2)
        // A second apart, less the jitter of arrival times on a busy machine.
        #expect(APITesting.gaps(mock.requests).allSatisfy { $0 >= 0.5 }, "\(APITesting.gaps(mock.requests))")
    }
}
