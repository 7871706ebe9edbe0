import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Outbound
import SendOwl
import Testing

/// SendOwl having a bad day, through real libcurl on loopback.
@Suite struct SendOwlAPIFailures {
    typealias S = SendOwlScenario

    static func mockWithCourseOrder() throws -> MockSendOwlAPI {
        let mock = try MockSendOwlAPI()
        mock.sell(S.courseOrder)
        return mock
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test func a429IsTriedAgainAfterItsRetryAfterAndSucceeds() async throws {
        let mock = try Self.mockWithCourseOrder()
        defer { mock.stop() }
        let api = try SendOwlAPITesting.api(mock)
        _ = try await api.orderFacts(orderID: S.courseOrder.id)
        mock.server.throttleNext(1, retryAfter: "1")
        let facts = try await api.orderFacts(orderID: S.courseOrder.id)
        #expect(facts.map(\.key) == ["shop:0000123456:purchase"])
        let gaps = Self.gapsAfterTheFirst(mock)
        #expect(gaps.count == 1)
        #expect(gaps.allSatisfy { $0 >= 0.75 }, "the retry waited for Retry-After: \(gaps)")
    }

    @Test func a500IsTriedAgainUntilItSucceeds() async throws {
        let mock = try Self.mockWithCourseOrder()
        defer { mock.stop() }
        mock.server.failNext(2)
        let facts = try await SendOwlAPITesting.api(mock).orderFacts(orderID: S.courseOrder.id)
        #expect(facts.count == 1)
        #expect(mock.requests.count == 3)
    }

    @Test func a500ThatNeverEndsIsATransportFailureAfterTheRetries() async throws {
        let mock = try Self.mockWithCourseOrder()
        defer { mock.stop() }
        mock.server.failNext(100)
        let api = try SendOwlAPITesting.api(mock, retries: 2)
        let error = await APICall.failure { () throws(ProviderAPIError) in try await api.orderFacts(orderID: S.courseOrder.id) }
        #expect(error?.kind == .transport)
        #expect(error?.status == 500)
        #expect(mock.requests.count == 3)
    }

    @Test func aDroppedConnectionIsTriedAgain() async throws {
        let mock = try Self.mockWithCourseOrder()
        defer { mock.stop() }
        mock.server.dropNext(1)
        let facts = try await SendOwlAPITesting.api(mock).orderFacts(orderID: S.courseOrder.id)
        #expect(facts.count == 1)
        #expect(mock.requests.count == 2)
    }

    @Test func anUnknownOrderIsNotFound() async throws {
        let mock = try Self.mockWithCourseOrder()
        defer { mock.stop() }
        let api = try SendOwlAPITesting.api(mock)
        let error = await APICall.failure { () throws(ProviderAPIError) in try await api.orderFacts(orderID: "0000999999") }
        #expect(error?.kind == .notFound)
        #expect(mock.requests.count == 1)
    }

    @Test func aRefusalIsRejectedWithSendOwlsFieldAndMessage() async throws {
        let mock = try Self.mockWithCourseOrder()
        defer { mock.stop() }
        let api = try SendOwlAPITesting.api(mock)
        let error = await APICall.failure { () throws(ProviderAPIError) in
            try await api.perform(.refund(RefundRequest(orderID: S.courseOrder.id, amountCents: 5_000)))
        }
        #expect(error?.kind == .rejected)
        #expect(error?.status == 422)
        #expect(error?.message.hasSuffix("was refused: amount can't be more than 18.00") == true, "\(String(describing: error))")
        #expect(mock.order(S.courseOrder.id)?.refunded == false)
    }

    /// The gaps between the requests the mock received after the first, which only warms the
    /// client up: a first connection may wait for the machine, which would only shorten the
    /// first gap and say nothing of the pacing.
    static func gapsAfterTheFirst(_ mock: MockSendOwlAPI) -> [Double] {
        let times = mock.requests.map(\.receivedAt).dropFirst()
        return zip(times, times.dropFirst()).map { seconds($1 - $0) }
    }

    @Test func requestsAreSpacedAtLeastTheMinimumIntervalApart() async throws {
        let mock = try Self.mockWithCourseOrder()
        defer { mock.stop() }
        let connection = ProviderConnection(transport: CurlClient(), baseURL: mock.baseURL, minimumInterval: .milliseconds(300))
        let api = try #require(try SendOwlAPITesting.adapter().api(connection))
        for _ in 0..<5 { _ = try await api.orderFacts(orderID: S.courseOrder.id) }
        let gaps = Self.gapsAfterTheFirst(mock)
        #expect(gaps.count == 3)
        // Arrival times jitter on a busy machine (a request can wait in the server's accept queue),
        // so the check is on the span of all of them, with one interval of slack: unpaced, they
        // would all arrive within a few milliseconds.
        #expect(gaps.reduce(0, +) >= 0.6, "\(gaps)")
    }

    @Test func withoutAnIntervalOfItsOwnTheAPIWaitsASecondBetweenRequests() async throws {
        let mock = try Self.mockWithCourseOrder()
        defer { mock.stop() }
        let connection = ProviderConnection(transport: CurlClient(), baseURL: mock.baseURL)
        let api = try #require(try SendOwlAPITesting.adapter().api(connection))
        for _ in 0..<3 { _ = try await api.orderFacts(orderID: S.courseOrder.id) }
        let gaps = Self.gapsAfterTheFirst(mock)
        #expect(gaps.count == 1)
        // A second apart, less the jitter of arrival times on a busy machine.
        #expect(gaps.allSatisfy { $0 >= 0.5 }, "\(gaps)")
    }
}
