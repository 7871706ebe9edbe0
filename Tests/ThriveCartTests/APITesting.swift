import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Outbound
import Synchronization
import ThriveCart

/// The mock account, API clients over real libcurl, and orders the API tests share.
enum APITesting {
    typealias S = ThriveCartScenario

    /// The API of instance `tc-main` against `mock`, through a real ``CurlClient``.
    static func api(_ mock: MockThriveCartAPI, key: String? = nil, mode: String? = nil, acceptsTestEvents: Bool = true,
                    minimumInterval: Duration? = .milliseconds(20), retries: Int = 3) throws -> any ProviderAPI {
        var secrets = ["secret": S.secretWord, "api_key": key ?? mock.apiKey]
        secrets["api_mode"] = mode
        let adapter = try ThriveCartAdapter(instance: AdapterInstance(id: S.instanceID, secrets: secrets,
                                                                      acceptsTestEvents: acceptsTestEvents))
        let connection = ProviderConnection(transport: CurlClient(), baseURL: mock.baseURL,
                                            minimumInterval: minimumInterval, retries: retries)
        guard let api = adapter.api(connection) else { throw ThriveCartTesting.Unexpected(description: "no API with an api_key") }
        return api
    }

    /// Every fact the API reports, whatever its age.
    static func allFacts(_ api: any ProviderAPI) async throws(ProviderAPIError) -> [Fact] {
        try await api.recentFacts(since: .distantPast, progress: { _ in })
    }


    /// Order number `index` of a run of course-and-bump orders, `daysAgo` days before now.
    static func order(_ index: Int, daysAgo: Double) -> ThriveCartOrder {
        var order = S.bundleOrder
        order.orderID = String(4_000_000 + index)
        order.invoiceID = String(format: "%09d", 500 + index)
        order.orderedAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - daysAgo * 86_400).rounded(.down))
        order.customer.email = "buyer\(index)@example.com"
        order.items = [S.course, S.workbookBump]
        return order
    }

    /// The webhook's fact for a delivery the account would send.
    static func webhookFact(_ payload: PayloadValue, encoding: BodyEncoding = .form) throws -> Fact {
        try ThriveCartTesting.fact(payload, encoding)
    }

    /// Gaps between consecutive requests the mock received, in seconds.
    static func gaps(_ requests: [MockAPIServer.Request]) -> [Double] {
        zip(requests, requests.dropFirst()).map { earlier, later in
            let gap = later.receivedAt - earlier.receivedAt
            return Double(gap.components.seconds) + Double(gap.components.attoseconds) / 1e18
        }
    }
}

/// What a `progress` callback was told, in order.
final class ProgressLog: Sendable {
    private let counts = Mutex<[Int]>([])
    var values: [Int] { counts.withLock { $0 } }
    func note(_ count: Int) { counts.withLock { $0.append(count) } }
}
