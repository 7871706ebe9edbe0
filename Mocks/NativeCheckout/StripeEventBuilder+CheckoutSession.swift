import Foundation

extension StripeEventBuilder {
    /// `checkout.session.completed` (or `checkout.session.async_payment_succeeded` with
    /// `type`) carrying the session.
    public static func checkoutSession(_ session: StripeCheckoutSession, eventID: String,
                                       type: String = "checkout.session.completed", created: Date? = nil) -> StripeJSON {
        event(id: eventID, type: type, created: created ?? session.created, livemode: session.livemode,
              object: checkoutSessionObject(session))
    }

    /// The `checkout.session` object.
    public static func checkoutSessionObject(_ session: StripeCheckoutSession) -> StripeJSON {
        var metadata: [StripeField] = []
        if let product = session.metadataProduct { metadata.append(StripeField("product", .string(product))) }
        if let price = session.metadataPrice { metadata.append(StripeField("price", .string(price))) }
        var object: StripeJSON = .fields([
            "id": .string(session.id),
            "object": "checkout.session",
            "amount_subtotal": .integer(session.amountTotal),
            "amount_total": .integer(session.amountTotal),
            "cancel_url": "https://courses.example.com/checkout/cancelled",
            "client_reference_id": nil,
            "created": unix(session.created),
            "currency": .string(session.currency),
            "customer": .string(session.buyer.customerID),
            "customer_creation": session.buyer.customerID == nil ? nil : "always",
            "customer_details": .fields([
                "address": .fields(["city": nil, "country": .string(session.buyer.country), "line1": nil, "line2": nil,
                                    "postal_code": nil, "state": nil]),
                "email": .string(session.buyer.email),
                "name": .string(session.buyer.name),
                "phone": nil,
                "tax_exempt": "none",
                "tax_ids": .array([]),
            ]),
            "customer_email": nil,
            "expires_at": unix(session.created.addingTimeInterval(86_400)),
            "invoice": .string(session.invoice),
            "livemode": .bool(session.livemode),
            "metadata": .object(metadata),
            "mode": .string(session.mode),
            "payment_intent": .string(session.paymentIntent),
            "payment_method_types": .array(["card"]),
            "payment_status": .string(session.paymentStatus),
            "status": "complete",
            "submit_type": nil,
            "subscription": .string(session.subscription),
            "success_url": "https://courses.example.com/checkout/thanks?session_id={CHECKOUT_SESSION_ID}",
            "url": nil,
        ])
        if session.expandsLineItems {
            let lines = session.lineItems.map { lineItem($0, created: session.created, livemode: session.livemode) }
            object["line_items"] = list(lines, url: "/v1/checkout/sessions/\(session.id)/line_items")
            // Stripe writes fields by name: `line_items` between `invoice` and `livemode`.
            if case .object(var fields) = object, let moved = fields.popLast(),
               let index = fields.firstIndex(where: { $0.name == "livemode" }) {
                fields.insert(moved, at: index)
                object = .object(fields)
            }
        }
        return object
    }

    /// One `item` of an expanded `line_items` list.
    static func lineItem(_ line: StripeLineItem, created: Date, livemode: Bool) -> StripeJSON {
        .fields([
            "id": .string(line.id),
            "object": "item",
            "amount_discount": 0,
            "amount_subtotal": .integer(line.amountTotal),
            "amount_tax": 0,
            "amount_total": .integer(line.amountTotal),
            "currency": .string(line.price.currency),
            "description": .string(line.description),
            "price": price(line.price, created: created, livemode: livemode),
            "quantity": .integer(line.quantity),
        ])
    }
}
