import AccessKernel
import Foundation
import Testing

/// What a chargeback does to the access its order gave.
@Suite("Disputes")
struct DisputeTests {
    static let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
    static let buy = Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0))
    static let opened = Fact.dispute("opened", order: "o1", at: day(5))

    @Test("an opened dispute revokes access as disputed")
    func openedDisputeRevokes() {
        #expect(derive([Self.buy, Self.opened], mapping: Self.mapping, now: day(6))["guitar"]
                == AccessState(status: .revoked(.disputed), causes: [Cause(fact: "opened", role: .dispute)]))
    }

    @Test("a dispute closed as won opens the access again")
    func wonDisputeRestores() {
        let facts = [Self.buy, Self.opened, .dispute("closed", order: "o1", outcome: .won, at: day(20))]

        #expect(derive(facts, mapping: Self.mapping, now: day(21))["guitar"]?.status == .active(until: nil))
    }

    @Test("a dispute closed as lost keeps the access revoked")
    func lostDisputeStaysRevoked() {
        let facts = [Self.buy, Self.opened, .dispute("closed", order: "o1", outcome: .lost, at: day(20))]

        #expect(derive(facts, mapping: Self.mapping, now: day(21))["guitar"]?.status == .revoked(.disputed))
    }

    @Test("a lost dispute whose opening was never delivered still revokes")
    func lostWithoutOpening() {
        let facts = [Self.buy, .dispute("closed", order: "o1", outcome: .lost, at: day(20))]

        #expect(derive(facts, mapping: Self.mapping, now: day(21))["guitar"]
                == AccessState(status: .revoked(.disputed), causes: [Cause(fact: "closed", role: .dispute)]))
    }

    @Test("under on_dispute keep a dispute keeps access")
    func disputeKeep() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"], policies: .with { $0.onDispute = .keep })])

        #expect(derive([Self.buy, Self.opened], mapping: mapping, now: day(6))["guitar"]?.status == .active(until: nil))
    }

    @Test("a dispute on another order does not touch this one")
    func disputeIsScopedToItsOrder() {
        let facts = [Self.buy, .dispute("opened", order: "o2", at: day(5))]

        #expect(derive(facts, mapping: Self.mapping, now: day(6))["guitar"]?.status == .active(until: nil))
    }
}
