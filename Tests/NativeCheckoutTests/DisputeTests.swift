import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct ChargeDisputes {
    typealias S = NativeCheckoutScenario

    static func dispute(status: String, type: String = "charge.dispute.closed") -> StripeJSON {
        StripeEventBuilder.dispute(type: type, eventID: "evt_dispute_\(status)", disputeID: "dp_x", chargeID: S.metadataCharge,
                                   paymentIntent: "pi_3PrMeta2eZvKYlo2C1bC2dE3f", amount: 13_900, currency: "eur",
                                   status: status, openedAt: Date(unix: 1_718_100_000), created: Date(unix: 1_719_000_000))
    }

    @Test func createdDisputeIsOpenOnTheOrderOfItsPaymentIntent() throws {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("charge.dispute.created"))
        #expect(fact.event == .dispute(Dispute(orderID: "pi_3PrMeta2eZvKYlo2C1bC2dE3f", disputeID: "dp_1PrMeta2eZvKYlo2CdIsP")))
        #expect(fact.customer == CustomerRef())
    }

    @Test func closedDisputeIsWonOrLostByStatus() throws {
        #expect(try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("charge.dispute.closed.won")).event
            == .dispute(Dispute(orderID: "pi_3PrMeta2eZvKYlo2C1bC2dE3f", disputeID: "dp_1PrMeta2eZvKYlo2CdIsP", outcome: .won)))
        #expect(try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("charge.dispute.closed.lost")).event
            == .dispute(Dispute(orderID: "pi_3PsSepa2eZvKYlo2C2cD3eF4g", disputeID: "dp_1PsSepa2eZvKYlo2CdIsQ", outcome: .lost)))
    }

    @Test(arguments: [("warning_closed", Dispute.Outcome.won), ("charge_refunded", .lost), ("won", .won), ("lost", .lost)])
    func closingStatusesMapToAnOutcome(status: String, outcome: Dispute.Outcome) throws {
        guard case .dispute(let dispute) = try NativeCheckoutTesting.fact(Self.dispute(status: status)).event else {
            Issue.record("not a dispute")
            return
        }
        #expect(dispute.outcome == outcome)
    }

    @Test func closedWithAnOpenStatusIsMalformed() throws {
        let error = try #require(try NativeCheckoutTesting.refusal(Self.dispute(status: "under_review")))
        #expect(error == AdapterError(.malformed, "data.object.status is \"under_review\", not won or lost"))
    }

    @Test func expandedChargeNamesTheStripeCustomer() throws {
        var event = Self.dispute(status: "needs_response", type: "charge.dispute.created")
        event[path: ["data", "object", "charge"]] = .fields(["id": .string(S.metadataCharge), "object": "charge",
                                                             "customer": "cus_QeAc9JhXb3xN2m"])
        #expect(try NativeCheckoutTesting.fact(event).customer == CustomerRef(providerCustomerID: "cus_QeAc9JhXb3xN2m"))
    }

    @Test func disputeWithoutPaymentIntentIsMalformed() throws {
        var event = Self.dispute(status: "won")
        event[path: ["data", "object", "payment_intent"]] = nil
        #expect(try NativeCheckoutTesting.refusal(event)?.message.hasPrefix("data.object.payment_intent is missing") == true)
    }
}
