import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlDispute {
    typealias S = SendOwlScenario

    @Test func orderInDisputeOpensADisputeNamedAfterTheOrder() throws {
        let fact = try SendOwlTesting.fact(S.disputedOrder.inState("in_dispute"))
        #expect(fact.event == .dispute(Dispute(orderID: "0000123460", disputeID: "0000123460", outcome: nil)))
        #expect(fact.key == "shop:0000123460:in_dispute:refunded=false:tx=8AB12345CD678901E:dispute.opened")
    }

    @Test func chargebackIsTheSameDisputeLost() throws {
        let fact = try SendOwlTesting.fact(S.disputedOrder.inState("chargeback", accessAllowed: false))
        #expect(fact.event == .dispute(Dispute(orderID: "0000123460", disputeID: "0000123460", outcome: .lost)))
        #expect(fact.key == "shop:0000123460:chargeback:refunded=false:tx=8AB12345CD678901E:dispute.closed")
    }

    @Test(arguments: ["charged_back", "Chargeback"])
    func chargebackSpellingsAreOneState(state: String) throws {
        let fact = try SendOwlTesting.fact(S.disputedOrder.inState(state))
        #expect(fact.event == .dispute(Dispute(orderID: "0000123460", disputeID: "0000123460", outcome: .lost)))
    }

    @Test func refundedChargebackIsStillTheDisputeLost() throws {
        var order = S.disputedOrder.inState("chargeback")
        order.refunded = true
        guard case .dispute(let dispute) = try SendOwlTesting.fact(order).event else { Issue.record("not a dispute"); return }
        #expect(dispute.outcome == .lost)
    }
}
