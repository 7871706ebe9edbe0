import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

/// Reconciliation records what no webhook delivered and nothing twice: an order read through
/// the API gives the facts its webhooks give, under the same keys.
@Suite struct SendOwlAPIWebhookEquivalence {
    typealias S = SendOwlScenario

    /// When every order in these tests last changed, and its webhook arrived.
    static let changedAt = Date(unix: 1_720_000_000)

    @Test func theOrderStatesAreTheOnesTheRecordedDeliveriesReport() {
        #expect(S.orderStates.map(\.name) == S.deliveries.map(\.name))
        #expect(S.orderStates.map { SendOwlPayload.body($0.order) } == S.deliveries.map(\.payload))
    }

    @Test(arguments: SendOwlScenario.orderStates.map(\.name))
    func anOrderReadThroughTheAPIGivesItsWebhooksFactsUnderTheSameKeys(state name: String) async throws {
        let order = try #require(S.orderStates.first { $0.name == name }?.order)
        let sold = try #require(S.soldOrders.first { $0.id == order.id })
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(order, updatedAt: Self.changedAt)

        let fromAPI = try await SendOwlAPITesting.api(mock).orderFacts(orderID: order.id)
        let fromWebhook = try SendOwlAPITesting.webhookFacts(order, receivedAt: Self.changedAt)
        let firstPurchase = try SendOwlAPITesting.webhookFacts(sold, receivedAt: Self.changedAt)
            .filter { if case .purchase = $0.event { true } else { false } }

        // Every fact the webhook gives, equal in every field (key, customer, items, mode, time).
        for fact in fromWebhook {
            #expect(fromAPI.contains(fact), "\(name): \(fact.key) differs or is missing")
        }
        // Anything more is the purchase the order's first webhook gave, which a later state's
        // webhook does not repeat.
        let more = fromAPI.filter { !fromWebhook.contains($0) }
        #expect(more.allSatisfy { firstPurchase.contains($0) }, "\(name): \(more.map(\.key))")
        let bought = !["order_failed", "fraud_review", "unknown-event"].contains(name)
        #expect(fromAPI.contains { firstPurchase.contains($0) } == bought, "\(name)")
    }

    @Test func aWebhookThatArrivesAfterReconciliationIsADuplicateOfWhatWasRecovered() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.courseOrder)
        mock.refund(S.courseOrder.id, gross: "£18.00", transactionID: "re_3OqR2cKt5ENTcJ3A0Rf1Ab2C", at: Date(unix: 1_710_252_000))
        let recovered = try await SendOwlAPITesting.api(mock).recentFacts(since: Date(unix: 1_710_000_000), progress: { _ in })

        let late = try SendOwlAPITesting.webhookFacts(S.orderStates[0].order, receivedAt: Self.changedAt)
            + SendOwlAPITesting.webhookFacts(S.orderStates[5].order, receivedAt: Self.changedAt)
        #expect(Set(late.map(\.key)) == Set(recovered.map(\.key)))
        #expect(Set(late) == Set(recovered))
    }
}
