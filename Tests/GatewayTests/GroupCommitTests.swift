import AccessKernel
import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    @Test("50 concurrent deliveries are all answered 200, all durable, in fewer transactions than requests")
    func concurrentDeliveries() async throws {
        let harness = try await GatewayHarness.make()
        let committer = harness.gateway.committer
        let statuses = try await harness.gateway.application.test(.ahc(.http)) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                                 body: ProbeDelivery.purchase(order: "\(index)", email: "buyer\(index)@example.com"))
                            .status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses.count == 50)
        #expect(statuses.allSatisfy { $0 == .ok })
        // Reopen the file, as a restarted gateway would, to see what is durable.
        let reopened = try SQLiteStore(path: harness.databasePath)
        for index in 0..<50 {
            let customer = try await reopened.customer(email: "buyer\(index)@example.com")
            #expect(customer != nil, "buyer\(index) missing")
        }
        let transactions = await committer.transactions
        #expect(await committer.deliveries == 50)
        #expect(transactions < 50, "\(transactions) transactions for 50 deliveries")
        #expect(await committer.largestGroup > 1)
    }

    @Test("each caller gets its own outcome when several deliveries share a transaction")
    func ownOutcomes() async throws {
        let harness = try await GatewayHarness.make()
        let committer = harness.gateway.committer
        let runner = Task { try await committer.run() }
        defer { runner.cancel() }
        let outcomes = try await withThrowingTaskGroup(of: (Int, RecordOutcome).self) { group in
            for index in 0..<20 {
                group.addTask {
                    // Every even delivery repeats the previous one's key: a duplicate.
                    let order = index - index % 2
                    let fact = Fact(key: FactKey("probe-main:purchase:\(order)"), instance: "probe-main", occurredAt: Date(),
                                    customer: CustomerRef(email: "c\(order)@example.com"),
                                    event: .purchase(Purchase(orderID: "\(order)", items: [
                                        OrderItem(key: ItemKey(.product, "12"), amount: 100, currency: "USD"),
                                    ])))
                    return (index, try await committer.record([fact]))
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes.count == 20)
        for pair in stride(from: 0, to: 20, by: 2) {
            let results = [outcomes[pair]?.results.first, outcomes[pair + 1]?.results.first]
            #expect(results.filter { $0 == .duplicate }.count == 1, "pair \(pair): \(results)")
        }
    }
}
