import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

/// `X-SENDOWL-EVENT` names the trigger; the order's own `state` decides when it has one.
@Suite struct SendOwlEventHeader {
    typealias S = SendOwlScenario

    @Test(arguments: ["order_completed", "new_payment", "subscription_active", "refund_issued", "bogus"])
    func orderStateDecidesWhateverTheTrigger(event: String) throws {
        #expect(try SendOwlTesting.verdict(S.courseOrder, event: event) == SendOwlTesting.verdict(S.courseOrder))
    }

    @Test func triggerStandsInForAMissingState() throws {
        let payload = SendOwlPayload.body(S.courseOrder).withOrderField("state", nil)
        guard case .refund(let refund) = try SendOwlTesting.facts(payload, event: "refund_issued").first?.event else {
            Issue.record("refund_issued without state is a refund")
            return
        }
        #expect(refund.orderID == "0000123456")
        let chargeback = try SendOwlTesting.facts(payload, event: "order_charged_back")
        #expect(chargeback.first?.key.rawValue.hasPrefix("shop:0000123456:chargeback:") == true)
    }

    @Test func triggerStandsInForAnUnknownState() throws {
        let facts = try SendOwlTesting.facts(S.clubRenewed.inState("awaiting_cancel"), event: "subscription_cancelling")
        guard case .subscription(let change) = facts.first?.event,
              case .cancelled(let cancel) = change.change else { Issue.record("not a cancellation"); return }
        #expect(cancel.effective == .periodEnd)
    }

    @Test(arguments: [nil, "new_payment"] as [String?])
    func noStateAndNoTriggerThatImpliesOneIsMalformed(event: String?) throws {
        let payload = SendOwlPayload.body(S.courseOrder).withOrderField("state", nil)
        let error = try #require(try SendOwlTesting.refusal(SendOwlRequest.make(payload, event: event)))
        #expect(error == AdapterError(.malformed, "state is missing; a SendOwl order says what state it is in"))
    }
}
