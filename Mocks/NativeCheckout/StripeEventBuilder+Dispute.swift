import Foundation

extension StripeEventBuilder {
    /// `charge.dispute.created` or `charge.dispute.closed` of a charge, with its `status`
    /// (`needs_response`, `won`, `lost`, `warning_closed`…).
    public static func dispute(type: String, eventID: String, disputeID: String, chargeID: String,
                               paymentIntent: String, amount: Int64, currency: String, status: String,
                               reason: String = "fraudulent", openedAt: Date, created: Date,
                               livemode: Bool = true) -> StripeJSON {
        let object: StripeJSON = .fields([
            "id": .string(disputeID),
            "object": "dispute",
            "amount": .integer(amount),
            "balance_transactions": .array([]),
            "charge": .string(chargeID),
            "created": unix(openedAt),
            "currency": .string(currency),
            "evidence_details": .fields([
                "due_by": unix(openedAt.addingTimeInterval(21 * 86_400)),
                "has_evidence": .bool(type == "charge.dispute.closed"),
                "past_due": false,
                "submission_count": .integer(type == "charge.dispute.closed" ? 1 : 0),
            ]),
            "is_charge_refundable": false,
            "livemode": .bool(livemode),
            "metadata": .object([]),
            "payment_intent": .string(paymentIntent),
            "reason": .string(reason),
            "status": .string(status),
        ])
        return event(id: eventID, type: type, created: created, livemode: livemode, object: object)
    }
}
