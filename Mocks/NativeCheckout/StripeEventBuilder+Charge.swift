import Foundation

extension StripeEventBuilder {
    /// `charge.refunded` after refunds totalling `amountRefunded`; `previouslyRefunded`
    /// is what `previous_attributes.amount_refunded` says was refunded before this one.
    public static func chargeRefunded(eventID: String, chargeID: String, paymentIntent: String, amount: Int64,
                                      amountRefunded: Int64, previouslyRefunded: Int64, currency: String,
                                      buyer: StripeBuyer, refundIDs: [String], created: Date,
                                      livemode: Bool = true) -> StripeJSON {
        let refunds = refundIDs.map { id -> StripeJSON in
            .fields(["id": .string(id), "object": "refund", "charge": .string(chargeID), "currency": .string(currency),
                     "payment_intent": .string(paymentIntent), "reason": "requested_by_customer", "status": "succeeded"])
        }
        let object: StripeJSON = .fields([
            "id": .string(chargeID),
            "object": "charge",
            "amount": .integer(amount),
            "amount_captured": .integer(amount),
            "amount_refunded": .integer(amountRefunded),
            "balance_transaction": .string("txn_\(chargeID.dropFirst(3))"),
            "billing_details": .fields([
                "address": .fields(["city": nil, "country": .string(buyer.country), "line1": nil, "line2": nil,
                                    "postal_code": nil, "state": nil]),
                "email": .string(buyer.email),
                "name": .string(buyer.name),
                "phone": nil,
            ]),
            "captured": true,
            "created": unix(created.addingTimeInterval(-86_400)),
            "currency": .string(currency),
            "customer": .string(buyer.customerID),
            "description": nil,
            "disputed": false,
            "invoice": nil,
            "livemode": .bool(livemode),
            "metadata": .object([]),
            "paid": true,
            "payment_intent": .string(paymentIntent),
            "payment_method": .string("pm_\(chargeID.dropFirst(3))"),
            "receipt_email": .string(buyer.email),
            "refunded": .bool(amountRefunded >= amount),
            "refunds": list(refunds, url: "/v1/charges/\(chargeID)/refunds", totalCount: true),
            "status": "succeeded",
        ])
        let previous: StripeJSON = .fields(["amount_refunded": .integer(previouslyRefunded)])
        return event(id: eventID, type: "charge.refunded", created: created, livemode: livemode, object: object,
                     previousAttributes: previous)
    }
}
