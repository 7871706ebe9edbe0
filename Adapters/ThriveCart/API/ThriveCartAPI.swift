import AccessKernel
import AdapterKit
import Foundation
import Outbound

/// ThriveCart's external API for one account: reconciliation from `GET /transactions`,
/// and refunds and subscription cancels, pauses and resumes.
///
/// Every request carries `Authorization: Bearer` with the instance's `api_key` and
/// `X-TC-Mode` with its `api_mode` (`live` unless set to `test`), and is spaced a second
/// apart: ThriveCart allows about 60 requests a minute.
public struct ThriveCartAPI: ProviderAPI {
    /// ThriveCart's API, unless the connection names another.
    public static let defaultBaseURL = "https://thrivecart.com/api/external"
    /// A second between requests: ThriveCart's limit is about 60 a minute.
    public static let defaultInterval: Duration = .seconds(1)
    /// Entries per page of `GET /transactions`; ThriveCart allows at most 25.
    public static let pageSize = 25
    /// How long the charges of one order may take to come in: the checkout, then its
    /// upsells and downsells. An order is reported once its last charge is this old, and
    /// listings are read this far back before `since` to find its first charges.
    public static let funnelWindow: TimeInterval = 60 * 60

    /// The mode whose transactions are listed and acted on (`X-TC-Mode`).
    public let mode: Mode
    let http: ProviderHTTP
    let facts: TransactionFacts

    init(apiKey: String, mode: Mode, instance: AdapterInstance, connection: ProviderConnection) {
        self.mode = mode
        self.http = ProviderHTTP(provider: "ThriveCart", connection: connection, defaultBaseURL: Self.defaultBaseURL,
                                 defaultInterval: Self.defaultInterval, headers: [
                                     HTTPHeader(name: "Authorization", value: "Bearer \(apiKey)"),
                                     HTTPHeader(name: "X-TC-Mode", value: mode.rawValue),
                                     HTTPHeader(name: "Accept", value: "application/json"),
                                 ])
        self.facts = TransactionFacts(instance: instance, listing: mode, funnelWindow: Self.funnelWindow)
    }

    /// Reads `GET /transactions` (newest first) until a whole page is older than a
    /// `funnelWindow` before `since`, and returns the facts of what happened since then.
    public func recentFacts(since: Date, progress: @Sendable (Int) -> Void) async throws(ProviderAPIError) -> [Fact] {
        let horizon = since.addingTimeInterval(-Self.funnelWindow)
        var read: [Transaction] = []
        var listed = 0
        var number = 1
        while true {
            let page = try await transactions(page: number)
            read += page.transactions
            listed += page.listed
            progress(listed)
            if isLast(page, number: number) || (page.newest.map { $0 < horizon } ?? false) { break }
            number += 1
        }
        return try facts.facts(from: read, since: since, now: Date())
    }

    /// Reads `GET /transactions` for the order's entries (ThriveCart has no lookup by order),
    /// stopping a `funnelWindow` past its earliest charge, since nothing of an order comes
    /// before its charges.
    ///
    /// - Throws: ``ProviderAPIError/Kind/notFound`` when no transaction names the order.
    public func orderFacts(orderID: String) async throws(ProviderAPIError) -> [Fact] {
        var read: [Transaction] = []
        var number = 1
        while true {
            let page = try await transactions(page: number)
            read += page.transactions.filter { $0.orderID == orderID }
            let firstCharge = read.lazy.filter { $0.kind == .charge }.map(\.occurredAt).min()
            if isLast(page, number: number) { break }
            if let firstCharge, let newest = page.newest, newest < firstCharge.addingTimeInterval(-Self.funnelWindow) { break }
            number += 1
        }
        guard !read.isEmpty else {
            throw ProviderAPIError(.notFound, "ThriveCart lists no \(mode.rawValue)-mode transaction of order \(orderID)")
        }
        return try facts.facts(from: read, since: .distantPast, now: Date())
    }

    /// One page of every transaction type, newest first.
    private func transactions(page number: Int) async throws(ProviderAPIError) -> TransactionPage {
        let path = "/transactions?transactionType=any&perPage=\(Self.pageSize)&page=\(number)"
        let response = try await http.send(.get, path)
        do throws(AdapterError) {
            return try TransactionPage(body: response.body)
        } catch {
            throw ProviderAPIError(.malformedResponse, "ThriveCart GET /transactions page \(number): \(error.message)",
                                   status: response.status)
        }
    }

    /// Whether no page follows: a short page, or as many entries read as `meta.total` says.
    private func isLast(_ page: TransactionPage, number: Int) -> Bool {
        page.listed < Self.pageSize || (page.total.map { number * Self.pageSize >= $0 } ?? false)
    }
}
