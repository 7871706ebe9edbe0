import AccessKernel
import AccessStore
import Foundation
import Gateway
import Logging
import Testing

@Suite("Sweeper")
struct SweeperTests {
    @Test("running as a service, it expires at start-up the access that ended while the gateway was down")
    func sweepsAtStartUp() async throws {
        let harness = try await GatewayHarness.make(mappingText: GatewayHarness.mappingText.replacingOccurrences(
            of: "    courses: [web-basics]\n", with: "    courses: [web-basics]\n    access_days: 30\n"))
        let bought = Date().addingTimeInterval(-40 * 86_400)
        let purchase = Fact(key: "probe-main:purchase:old", instance: "probe-main", occurredAt: bought,
                            customer: CustomerRef(email: "old@example.com"),
                            event: .purchase(Purchase(orderID: "old", items: [
                                OrderItem(key: ItemKey(.product, "12"), amount: 4900, currency: "USD"),
                            ])))
        // Recorded back then: active for 30 days.
        _ = try await harness.store.record([purchase], under: harness.gateway.live.current.version, now: bought)
        #expect(try await harness.store.accessStatus(email: "old@example.com", course: "web-basics").status.name == "active")

        let sweeper = harness.gateway.sweeper
        let running = Task { try await sweeper.run() }
        let deadline = ContinuousClock.now + .seconds(10)
        var status = AccessStatus.none
        repeat {
            try await Task.sleep(for: .milliseconds(20))
            status = try await harness.store.accessStatus(email: "old@example.com", course: "web-basics").status
        } while status.name == "active" && ContinuousClock.now < deadline
        running.cancel()
        #expect(status.name == "expired", "\(status)")
        let customer = try #require(try await harness.store.customer(email: "old@example.com"))
        #expect(try await harness.store.accessEvents(customerID: customer.id).map(\.kind) == [.granted, .expired])
    }
}
