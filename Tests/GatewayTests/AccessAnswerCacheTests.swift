import AccessKernel
import AccessStore
import Foundation
import Gateway
import Mocks
import Testing

@Suite("Access answer cache")
struct AccessAnswerCacheTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let active = AccessLookup(customerID: 7, status: .active(until: nil))

    @Test("a stored answer is served, under any spelling of the email, until its customer is invalidated")
    func servesUntilInvalidated() {
        let cache = AccessAnswerCache()
        cache.store(Self.active, email: "ann@example.com", course: "web", ticket: cache.ticket)
        #expect(cache.status(email: " Ann@Example.com", course: "web", now: Self.now) == .active(until: nil))
        #expect(cache.status(email: "ann@example.com", course: "css", now: Self.now) == nil)
        cache.invalidate([8])
        #expect(cache.status(email: "ann@example.com", course: "web", now: Self.now) != nil)
        cache.invalidate([7])
        #expect(cache.status(email: "ann@example.com", course: "web", now: Self.now) == nil)
    }

    @Test("a read that raced a commit for its customer is not cached")
    func racedReadIsNotCached() {
        let cache = AccessAnswerCache()
        let ticket = cache.ticket          // the reader takes its ticket, then reads the store…
        cache.invalidate([7])              // …while a commit changes customer 7
        cache.store(Self.active, email: "ann@example.com", course: "web", ticket: ticket)
        #expect(cache.status(email: "ann@example.com", course: "web", now: Self.now) == nil)
        // Another customer's read from the same moment is still fine to keep.
        cache.store(AccessLookup(customerID: 9, status: .none), email: "bo@example.com", course: "web", ticket: ticket)
        #expect(cache.status(email: "bo@example.com", course: "web", now: Self.now) == AccessStatus.none)
    }

    @Test("an active answer whose end has passed, an old answer and a no-record answer are never served")
    func neverStale() {
        let cache = AccessAnswerCache()
        cache.store(AccessLookup(customerID: 7, status: .active(until: Self.now)), email: "a@example.com", course: "web",
                    ticket: cache.ticket)
        #expect(cache.status(email: "a@example.com", course: "web", now: Self.now.addingTimeInterval(-1)) != nil)
        #expect(cache.status(email: "a@example.com", course: "web", now: Self.now) == nil)

        let expiring = AccessAnswerCache(lifetime: .zero)
        expiring.store(Self.active, email: "a@example.com", course: "web", ticket: expiring.ticket)
        #expect(expiring.status(email: "a@example.com", course: "web", now: Self.now) == nil)

        cache.store(AccessLookup(customerID: nil, status: .none), email: "nobody@example.com", course: "web", ticket: cache.ticket)
        #expect(cache.status(email: "nobody@example.com", course: "web", now: Self.now) == nil)
    }

    @Test("through the gateway, an answer asked before a refund is not served after it")
    func gatewayInvalidatesOnCommit() async throws {
        let harness = try await ThriveCartGateway.make()
        let authorization = try await harness.authorization()
        let order = ThriveCartScenario.bundleOrder
        try await harness.gateway.application.test(.live) { client in
            _ = try await ThriveCartGateway.deliver(ThriveCartPayload.orderSuccess(order), with: client)
            for _ in 0..<3 {
                let before = try await ThriveCartGateway.access(email: order.customer.email, course: "lettering-workbook",
                                                                authorization: authorization, with: client)
                #expect(before["status"] as? String == "active")
            }
            let refund = ThriveCartPayload.refund(order, item: ThriveCartScenario.workbookBump,
                                                  at: order.orderedAt.addingTimeInterval(86_400))
            _ = try await ThriveCartGateway.deliver(refund, with: client)
            let after = try await ThriveCartGateway.access(email: order.customer.email, course: "lettering-workbook",
                                                           authorization: authorization, with: client)
            #expect(after["status"] as? String == "revoked")
        }
    }
}
