import AccessKernel
import Foundation

/// The recorded Stripe account behind `Fixtures/native_checkout`: a course creator's
/// checkout sessions and what happened to them afterwards.
///
/// Tests build further deliveries from these values rather than copying payloads.
public enum NativeCheckoutScenario {
    /// The instance the fixtures were recorded for (see `instance.json`).
    public static let instanceID: InstanceID = "checkout"
    /// The endpoint's signing secret, used as-is as the HMAC key.
    public static let webhookSecret = "whsec_Jf3kQ9vXz2LmN8pR4tYw6bH1sD5gC7aE"

    /// The JavaScript course, paid once in USD (the example mapping's `price_1JSonce`).
    public static let jsOnce = StripePrice(id: "price_1JSonce", productID: "prod_JSdeep", unitAmount: 14_900, currency: "usd")
    /// The same course paid once in EUR: another pricing option of the product.
    public static let jsOnceEUR = StripePrice(id: "price_1JSonceEUR", productID: "prod_JSdeep", unitAmount: 13_900, currency: "eur")
    /// A regex workshop, paid once.
    public static let regexOnce = StripePrice(id: "price_1RXonce", productID: "prod_RegexLab", unitAmount: 2_900, currency: "usd")
    /// The coaching vault, monthly (the example mapping's `price_1PmonthlyVault`).
    public static let vaultMonthly = StripePrice(id: "price_1PmonthlyVault", productID: "prod_CoachVault", unitAmount: 3_900,
                                                 currency: "usd", interval: "month")

    /// A buyer whose name is not ASCII.
    public static let sofia = StripeBuyer(customerID: "cus_QeAc9JhXb3xN2m", email: "sofia.alvarez@example.com",
                                          name: "Sofía Álvarez", country: "ES")
    /// The coaching-vault subscriber.
    public static let kwame = StripeBuyer(customerID: "cus_Qf7TnR2kLw8ZpD", email: "kwame.mensah@example.net",
                                          name: "Kwame Mensah", country: "GH")
    /// A guest: payment-mode sessions create no Stripe customer unless asked to.
    public static let lena = StripeBuyer(customerID: nil, email: "lena.fischer@example.de", name: "Lena Fischer", country: "DE")
    /// A buyer paying by SEPA debit, which clears days after the session completes.
    public static let jonas = StripeBuyer(customerID: "cus_QgH2uV4pXc6YbN", email: "jonas.berg@example.se",
                                          name: "Jonas Berg", country: "SE")
    /// The creator, buying in test mode.
    public static let tester = StripeBuyer(customerID: "cus_QhTest5mKp8WqR", email: "creator+test@courses.example.com",
                                           name: "Test Buyer", country: "IE")

    /// Two one-time products with expanded line items, paid by card.
    public static let courseOrder = StripeCheckoutSession(
        id: "cs_live_a1JSdeepRegexQ7pK2mX9", buyer: sofia,
        lineItems: [StripeLineItem(id: "li_1PqRsT2eZvKYlo2CjS01", price: jsOnce, description: "JavaScript Deep Dive"),
                    StripeLineItem(id: "li_1PqRsT2eZvKYlo2CrX02", price: regexOnce, description: "Regex Lab")],
        paymentIntent: "pi_3PqRsT2eZvKYlo2C0aB1cD2e", created: date(1_717_400_000))
    /// The charge of ``courseOrder``'s payment intent (refunded in part, then in full).
    public static let courseCharge = "ch_3PqRsT2eZvKYlo2C0aB1cD2e"

    /// A session whose event carries no line items: the checkout put the product and
    /// price in its metadata.
    public static let metadataOrder = StripeCheckoutSession(
        id: "cs_live_b1MetaOnlyW4nT8vL3", buyer: lena,
        lineItems: [StripeLineItem(id: "li_1PrMeta2eZvKYlo2CjS03", price: jsOnceEUR, description: "JavaScript Deep Dive")],
        expandsLineItems: false, metadataProduct: "prod_JSdeep", metadataPrice: "price_1JSonceEUR",
        paymentIntent: "pi_3PrMeta2eZvKYlo2C1bC2dE3f", created: date(1_717_500_000))
    /// The charge of ``metadataOrder`` (disputed, dispute won).
    public static let metadataCharge = "ch_3PrMeta2eZvKYlo2C1bC2dE3f"

    /// The monthly coaching vault: a subscription-mode session.
    public static let subscriptionOrder = StripeCheckoutSession(
        id: "cs_live_c1VaultMonthlyZ5rB", mode: "subscription", buyer: kwame,
        lineItems: [StripeLineItem(id: "li_1PvQaB2eZvKYlo2CvT04", price: vaultMonthly, description: "Coaching Vault")],
        subscription: "sub_1PvQaB2eZvKYlo2CxYz9", invoice: "in_1PvQaB2eZvKYlo2CInv1", created: date(1_714_000_000))
    /// The subscription's item (`si_…`).
    public static let subscriptionItem = "si_QvQaB2eZvKYlo2"
    /// The subscription's first period, paid at checkout.
    public static let firstPeriod = (start: date(1_714_000_000), end: date(1_716_592_000))
    /// The second period, paid by `invoice.paid`.
    public static let renewedPeriod = (start: date(1_716_592_000), end: date(1_719_270_400))
    /// The third period, whose payment failed.
    public static let failedPeriod = (start: date(1_719_270_400), end: date(1_721_862_400))

    /// A SEPA debit: completed unpaid, paid three days later.
    public static let sepaOrder = StripeCheckoutSession(
        id: "cs_live_d1SepaDebitH6sJ4q", paymentStatus: "unpaid", buyer: jonas,
        lineItems: [StripeLineItem(id: "li_1PsSepa2eZvKYlo2CjS05", price: jsOnce, description: "JavaScript Deep Dive")],
        paymentIntent: "pi_3PsSepa2eZvKYlo2C2cD3eF4g", created: date(1_717_700_000))
    /// The charge of ``sepaOrder`` (disputed, dispute lost).
    public static let sepaCharge = "ch_3PsSepa2eZvKYlo2C2cD3eF4g"

    /// The creator trying the checkout in test mode.
    public static let testOrder = StripeCheckoutSession(
        id: "cs_test_e1TryItOutM3nV7w", buyer: tester,
        lineItems: [StripeLineItem(id: "li_1PtTest2eZvKYlo2CjS06", price: jsOnce, description: "JavaScript Deep Dive")],
        paymentIntent: "pi_3PtTest2eZvKYlo2C3dE4fG5h", created: date(1_717_800_000), livemode: false)

    /// Every recorded delivery, by fixture name (the file name without `.json`).
    public static var deliveries: [(name: String, event: StripeJSON)] {
        var paidSepa = sepaOrder
        paidSepa.paymentStatus = "paid"
        let sub = subscriptionOrder.subscription ?? ""
        func subscription(_ type: String, _ id: String, _ state: StripeEventBuilder.SubscriptionState,
                          previous: StripeJSON?, at seconds: TimeInterval,
                          period: (start: Date, end: Date) = failedPeriod) -> StripeJSON {
            StripeEventBuilder.subscription(type: type, eventID: id, subscriptionID: sub, itemID: subscriptionItem,
                                            price: vaultMonthly, buyer: kwame, state: state, periodStart: period.start,
                                            periodEnd: period.end, latestInvoice: "in_1PvQaB2eZvKYlo2CInv3",
                                            previousAttributes: previous, created: date(seconds))
        }
        return [
            ("checkout.session.completed", StripeEventBuilder.checkoutSession(courseOrder, eventID: "evt_1PqRsT2eZvKYlo2CcsDone")),
            ("checkout.session.completed.metadata", StripeEventBuilder.checkoutSession(metadataOrder, eventID: "evt_1PrMeta2eZvKYlo2CcsMeta")),
            ("checkout.session.completed.subscription", StripeEventBuilder.checkoutSession(subscriptionOrder, eventID: "evt_1PvQaB2eZvKYlo2CcsSubs")),
            ("checkout.session.completed.unpaid", StripeEventBuilder.checkoutSession(sepaOrder, eventID: "evt_1PsSepa2eZvKYlo2CcsSepa")),
            ("checkout.session.completed.test-mode", StripeEventBuilder.checkoutSession(testOrder, eventID: "evt_1PtTest2eZvKYlo2CcsTest")),
            ("checkout.session.async_payment_succeeded", StripeEventBuilder.checkoutSession(
                paidSepa, eventID: "evt_1PsSepa2eZvKYlo2CasyncOk", type: "checkout.session.async_payment_succeeded",
                created: date(1_717_959_600))),
            ("invoice.paid.subscription_create", StripeEventBuilder.invoice(
                type: "invoice.paid", eventID: "evt_1PvQaB2eZvKYlo2CinvPaid1", invoiceID: "in_1PvQaB2eZvKYlo2CInv1",
                subscription: sub, price: vaultMonthly, buyer: kwame, billingReason: "subscription_create",
                periodStart: firstPeriod.start, periodEnd: firstPeriod.end, paymentIntent: "pi_3PvQaB2eZvKYlo2C4eF5gH6i",
                charge: "ch_3PvQaB2eZvKYlo2C4eF5gH6i", created: date(1_714_000_004))),
            ("invoice.paid", StripeEventBuilder.invoice(
                type: "invoice.paid", eventID: "evt_1PvQaB2eZvKYlo2CinvPaid2", invoiceID: "in_1PvQaB2eZvKYlo2CInv2",
                subscription: sub, price: vaultMonthly, buyer: kwame, periodStart: renewedPeriod.start,
                periodEnd: renewedPeriod.end, paymentIntent: "pi_3PwRnw2eZvKYlo2C5fG6hI7j",
                charge: "ch_3PwRnw2eZvKYlo2C5fG6hI7j", created: date(1_716_595_600))),
            ("invoice.payment_failed", StripeEventBuilder.invoice(
                type: "invoice.payment_failed", eventID: "evt_1PxFail2eZvKYlo2CinvFail", invoiceID: "in_1PvQaB2eZvKYlo2CInv3",
                subscription: sub, price: vaultMonthly, buyer: kwame, periodStart: failedPeriod.start,
                periodEnd: failedPeriod.end, paymentIntent: "pi_3PxFail2eZvKYlo2C6gH7iJ8k", charge: nil,
                created: date(1_719_274_000))),
            ("charge.refunded.partial", StripeEventBuilder.chargeRefunded(
                eventID: "evt_3PqRsT2eZvKYlo2CrefPart", chargeID: courseCharge, paymentIntent: "pi_3PqRsT2eZvKYlo2C0aB1cD2e",
                amount: 17_800, amountRefunded: 2_900, previouslyRefunded: 0, currency: "usd", buyer: sofia,
                refundIDs: ["re_3PqRsT2eZvKYlo2C0Ref01"], created: date(1_717_900_000))),
            ("charge.refunded.full", StripeEventBuilder.chargeRefunded(
                eventID: "evt_3PqRsT2eZvKYlo2CrefFull", chargeID: courseCharge, paymentIntent: "pi_3PqRsT2eZvKYlo2C0aB1cD2e",
                amount: 17_800, amountRefunded: 17_800, previouslyRefunded: 2_900, currency: "usd", buyer: sofia,
                refundIDs: ["re_3PqRsT2eZvKYlo2C0Ref02", "re_3PqRsT2eZvKYlo2C0Ref01"], created: date(1_718_000_000))),
            ("customer.subscription.updated.cancel", subscription(
                "customer.subscription.updated", "evt_1PyCanc2eZvKYlo2CsubCanc",
                .init(cancelAtPeriodEnd: true, canceledAt: date(1_719_300_000)),
                previous: .fields(["cancel_at": nil, "cancel_at_period_end": false, "canceled_at": nil]), at: 1_719_300_000)),
            ("customer.subscription.updated.resume", subscription(
                "customer.subscription.updated", "evt_1PyResm2eZvKYlo2CsubResm", .init(),
                previous: .fields(["cancel_at": .integer(1_721_862_400), "cancel_at_period_end": true,
                                   "canceled_at": .integer(1_719_300_000)]), at: 1_719_400_000)),
            ("customer.subscription.updated.other", subscription(
                "customer.subscription.updated", "evt_1PuMeta2eZvKYlo2CsubMeta", .init(),
                previous: .fields(["metadata": .object([])]), at: 1_716_000_000, period: firstPeriod)),
            ("customer.subscription.paused", subscription(
                "customer.subscription.paused", "evt_1PzPaus2eZvKYlo2CsubPaus", .init(status: "paused"),
                previous: .fields(["status": "active"]), at: 1_719_500_000)),
            ("customer.subscription.resumed", subscription(
                "customer.subscription.resumed", "evt_1PzResu2eZvKYlo2CsubResu", .init(),
                previous: .fields(["status": "paused"]), at: 1_719_600_000)),
            ("customer.subscription.deleted", subscription(
                "customer.subscription.deleted", "evt_1PzDele2eZvKYlo2CsubDele",
                .init(status: "canceled", canceledAt: date(1_719_900_000)), previous: nil, at: 1_719_900_000)),
            ("charge.dispute.created", StripeEventBuilder.dispute(
                type: "charge.dispute.created", eventID: "evt_1PrDisp2eZvKYlo2CdspOpen", disputeID: "dp_1PrMeta2eZvKYlo2CdIsP",
                chargeID: metadataCharge, paymentIntent: "pi_3PrMeta2eZvKYlo2C1bC2dE3f", amount: 13_900, currency: "eur",
                status: "needs_response", openedAt: date(1_718_100_000), created: date(1_718_100_000))),
            ("charge.dispute.closed.won", StripeEventBuilder.dispute(
                type: "charge.dispute.closed", eventID: "evt_1PrDisp2eZvKYlo2CdspWon", disputeID: "dp_1PrMeta2eZvKYlo2CdIsP",
                chargeID: metadataCharge, paymentIntent: "pi_3PrMeta2eZvKYlo2C1bC2dE3f", amount: 13_900, currency: "eur",
                status: "won", openedAt: date(1_718_100_000), created: date(1_719_000_000))),
            ("charge.dispute.closed.lost", StripeEventBuilder.dispute(
                type: "charge.dispute.closed", eventID: "evt_1PsDisp2eZvKYlo2CdspLost", disputeID: "dp_1PsSepa2eZvKYlo2CdIsQ",
                chargeID: sepaCharge, paymentIntent: "pi_3PsSepa2eZvKYlo2C2cD3eF4g", amount: 14_900, currency: "usd",
                status: "lost", reason: "product_not_received", openedAt: date(1_718_200_000), created: date(1_719_100_000))),
            ("customer.created", StripeEventBuilder.event(
                id: "evt_1PqCust2eZvKYlo2CcusNew", type: "customer.created", created: date(1_717_399_990), livemode: true,
                object: .fields(["id": .string(sofia.customerID), "object": "customer", "created": .integer(1_717_399_990),
                                 "email": .string(sofia.email), "livemode": true, "metadata": .object([]),
                                 "name": .string(sofia.name)]))),
            ("unknown-event", StripeEventBuilder.checkoutSession(
                courseOrder, eventID: "evt_1PqUnkn2eZvKYlo2CunKnown", type: "checkout.session.upgraded",
                created: date(1_717_400_100))),
        ]
    }

    private static func date(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: seconds) }
}
