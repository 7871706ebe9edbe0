import AccessKernel
import AdapterKit

/// Reads `charge.dispute.created` (a dispute opened) and `charge.dispute.closed` (won or
/// lost) on the order paid by the disputed payment intent.
///
/// A closed inquiry (`warning_closed`) never became a chargeback: won. A dispute closed
/// because the charge was refunded (`charge_refunded`) gave the money back: lost (the
/// refund itself arrives as `charge.refunded`).
enum DisputeDecoder {
    static func decode(_ event: StripeEvent, _ type: StripeEventType) throws(AdapterError) -> DecodedEvent {
        let dispute = event.object
        try dispute.expect(kind: "dispute")
        let id = try dispute.requiredString("id", because: "a dispute has an id")
        let paymentIntent = try dispute.requiredReference("payment_intent",
                                                          because: "the dispute is matched to its order by payment intent")
        var outcome: Dispute.Outcome?
        if type == .disputeClosed {
            let status = try dispute.requiredString("status", because: "a closed dispute was won or lost")
            switch status {
            case "won", "warning_closed": outcome = .won
            case "lost", "charge_refunded": outcome = .lost
            default:
                throw AdapterError(.malformed, "\(dispute.name("status")) is \"\(status.prefix(32))\", not won or lost")
            }
        }
        // The charge is an id unless expanded; expanded, it names the Stripe customer.
        let customer = try dispute.expanded("charge")?.reference("customer")
        return .event(.dispute(Dispute(orderID: paymentIntent, disputeID: id, outcome: outcome)),
                      CustomerRef(providerCustomerID: customer))
    }
}
