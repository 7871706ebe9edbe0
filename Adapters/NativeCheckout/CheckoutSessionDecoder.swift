import AccessKernel
import AdapterKit

/// Reads `checkout.session.completed` and `checkout.session.async_payment_succeeded`
/// into a purchase keyed by the session id.
///
/// Only a session whose `payment_status` is `paid` or `no_payment_required` opens
/// courses; an unpaid one (a bank debit still clearing) is ignored until Stripe sends
/// `async_payment_succeeded` for it. What was bought comes from the expanded
/// `line_items` (price id = pricing option, `price.product` = product), else from the
/// session's `metadata` (`product`, optional `price`). A webhook carrying neither is
/// refused `malformed`, naming both fields, rather than recorded as a purchase of
/// nothing; Stripe then lists it as undelivered, and reconciliation fetches the line
/// items through the API and reads the same event again with them (``StripeAPI``).
enum CheckoutSessionDecoder {
    static func decode(_ event: StripeEvent) throws(AdapterError) -> DecodedEvent {
        let session = event.object
        try session.expect(kind: "checkout.session")
        let id = try session.requiredString("id", because: "the session id is the order id")
        let mode = try session.string("mode")
        if mode == "setup" {
            return .ignored("checkout session \(id) is in setup mode: nothing was sold")
        }
        let status = try session.requiredString("payment_status", because: "only a paid session opens courses")
        guard status == "paid" || status == "no_payment_required" else {
            return .ignored("checkout session \(id) has payment_status \(status.prefix(32)): awaiting async payment")
        }
        let customer = try customer(of: session)
        let subscription = try session.reference("subscription")
        if mode == "subscription", subscription == nil {
            throw session.missing("subscription", because: "a subscription-mode session names the subscription it started")
        }
        let items = try LineItems.items(of: session, subscriptionID: mode == "subscription" ? subscription : nil)
        var otherIDs: [String] = []
        for field in ["payment_intent", "subscription", "invoice"] {
            if let other = try session.reference(field), other != id, !otherIDs.contains(other) { otherIDs.append(other) }
        }
        return .event(.purchase(Purchase(orderID: id, otherOrderIDs: otherIDs, items: items)), customer)
    }

    /// The buyer: `customer_details.email`, else `customer_email`; the Stripe customer
    /// (`cus_…`) when the session created or used one.
    private static func customer(of session: StripeObject) throws(AdapterError) -> CustomerRef {
        let details = try session.object("customer_details")
        var email = try details?.string("email")
        if email == nil { email = try session.string("customer_email") }
        guard let email else {
            throw AdapterError(.malformed, "\(session.name("customer_details.email")) is missing (and \(session.name("customer_email"))); a purchase must say who bought")
        }
        return CustomerRef(email: email, name: try details?.string("name"),
                           providerCustomerID: try session.reference("customer"))
    }
}
