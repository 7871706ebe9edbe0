import AccessKernel
import Foundation

/// The recorded ThriveCart account behind `Fixtures/thrivecart`: a course creator's
/// orders and what happened to them afterwards.
///
/// Tests build further deliveries from these values rather than copying payloads.
public enum ThriveCartScenario {
    /// The instance the fixtures were recorded for (see `instance.json`).
    public static let instanceID: InstanceID = "tc-main"
    /// The account's secret word, as sent in `thrivecart_secret`.
    public static let secretWord = "KX7QZP2M4RWT"
    public static let account = "inkandwash"

    /// Watercolour course sold with a pricing option, its workbook bump attached to the
    /// same product id, and a one-click upsell.
    public static let course = ThriveCartItem(.product, id: "12", name: "Watercolour Foundations", amount: 19_700,
                                              paymentPlan: ThriveCartPaymentPlan(id: "31670", name: "Pay in full"))
    public static let workbookBump = ThriveCartItem(.bump, id: "12", name: "Brush Lettering Workbook", amount: 2_700)
    public static let masterclassUpsell = ThriveCartItem(.upsell, id: "2", name: "Masterclass: Skies & Seas", amount: 9_700)
    /// A monthly membership with its processor subscription.
    public static let membership = ThriveCartItem(.product, id: "17", name: "Studio Membership", amount: 2_900,
                                                  paymentPlan: ThriveCartPaymentPlan(id: "31702", name: "Monthly (29 €/month)"),
                                                  frequency: "month", subscriptionID: "3498819")

    /// Product + bump + upsell, live, bought by a customer whose name is not ASCII.
    public static let bundleOrder = ThriveCartOrder(
        account: account, secretWord: secretWord, orderID: "3230022", invoiceID: "000000141",
        orderedAt: date(1_709_648_551), currency: "USD",
        customer: ThriveCartCustomer(id: "16099259", email: "zoe.muller@example.com", firstName: "Zoë", lastName: "Müller", country: "DE"),
        items: [course, workbookBump, masterclassUpsell])

    /// The membership: a subscription with renewals, a failed rebill, pause and cancel.
    public static let membershipOrder = ThriveCartOrder(
        account: account, secretWord: secretWord, orderID: "3230187", invoiceID: "000000142",
        orderedAt: date(1_709_827_200), currency: "EUR",
        customer: ThriveCartCustomer(id: "16099377", email: "ana.ribeiro@example.org", firstName: "Ana", lastName: "Ribeiro", country: "PT"),
        items: [membership])

    /// A test-mode order of the course, placed by the creator to try the checkout.
    public static let testOrder = ThriveCartOrder(
        account: account, secretWord: secretWord, mode: .test, orderID: "3230200", invoiceID: "000000143",
        orderedAt: date(1_709_913_600), currency: "USD",
        customer: ThriveCartCustomer(id: "16099400", email: "creator+test@inkandwash.example", firstName: "Test", lastName: "Buyer"),
        items: [course])

    /// Every recorded delivery, by fixture name (the file name without its extension).
    public static var deliveries: [(name: String, payload: PayloadValue)] {
        [
            ("order.success", ThriveCartPayload.orderSuccess(bundleOrder)),
            ("order.success.subscription", ThriveCartPayload.orderSuccess(membershipOrder)),
            ("order.success.test-mode", ThriveCartPayload.orderSuccess(testOrder)),
            ("order.refund", ThriveCartPayload.refund(bundleOrder, item: masterclassUpsell, at: date(1_710_252_000))),
            ("order.subscription_payment", ThriveCartPayload.subscriptionPayment(
                membershipOrder, item: membership, paymentIndex: 2, at: date(1_712_505_600), nextPaymentAt: date(1_715_097_600))),
            ("order.rebill_failed", ThriveCartPayload.rebillFailed(
                membershipOrder, item: membership, paymentIndex: 3, at: date(1_715_097_600))),
            ("order.subscription_paused", ThriveCartPayload.subscriptionPaused(membershipOrder, item: membership, at: date(1_715_356_800))),
            ("order.subscription_resumed", ThriveCartPayload.subscriptionResumed(membershipOrder, item: membership, at: date(1_716_163_200))),
            ("order.subscription_cancelled", ThriveCartPayload.subscriptionCancelled(
                membershipOrder, item: membership, at: date(1_717_200_000), billingPeriodEnd: date(1_717_632_000))),
            ("cart.abandoned", ThriveCartPayload.cartAbandoned(bundleOrder, at: date(1_709_640_000))),
            ("affiliate.commission_earned", ThriveCartPayload.affiliateCommission(
                "affiliate.commission_earned", bundleOrder, affiliateID: "4471", commission: 5_900, at: date(1_709_648_560))),
            ("affiliate.commission_payout", ThriveCartPayload.affiliateCommission(
                "affiliate.commission_payout", bundleOrder, affiliateID: "4471", commission: 5_900, at: date(1_712_000_000))),
            ("affiliate.commission_refund", ThriveCartPayload.affiliateCommission(
                "affiliate.commission_refund", bundleOrder, affiliateID: "4471", commission: 2_910, at: date(1_710_252_060))),
            ("unknown-event", ThriveCartPayload.unknownEvent("order.upgraded", bundleOrder)),
        ]
    }

    private static func date(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: seconds) }
}
