import Foundation

/// The recorded SendOwl account behind `Fixtures/sendowl`: a lettering artist's shop, its
/// orders and what happened to them afterwards.
///
/// Tests build further deliveries from these values rather than copying payloads.
public enum SendOwlScenario {
    /// The instance the fixtures were recorded for (see `instance.json`).
    public static let instanceID = "shop"
    /// The account's signing key secret.
    public static let signingKey = "t9Xq2LmV7cRz4KpW8sNd3FhJ"

    /// The course, a product sold in pounds with the currency symbol in its prices.
    public static let course = SendOwlCartItem(productID: 4521, name: "Copperplate Calligraphy Course", price: "£18.00")
    /// A free taster product.
    public static let taster = SendOwlCartItem(productID: 4522, name: "Lettering Taster", price: "£0.00")
    /// A package (bundle) priced with a thousands separator.
    public static let bundle = SendOwlCartItem(productID: 880, name: "Complete Lettering Bundle", productType: "package",
                                               price: "$1,234.50")
    /// A product priced without decimals.
    public static let guide = SendOwlCartItem(productID: 4523, name: "Brush Pens Guide", price: "$25")
    /// The monthly club: a subscription, its price without currency symbol.
    public static let club = SendOwlCartItem(productID: 7489, name: "Lettering Club", productType: "subscription",
                                             price: nil, recurringPrice: "15.00")

    /// The course, bought with Stripe by a customer whose name is not ASCII.
    public static let courseOrder = SendOwlOrder(
        id: "0000123456", number: 123_456, buyerEmail: "zoe.muller@example.com", buyerName: "Zoë Müller",
        buyerFirstName: "Zoë", settledCurrency: "GBP", settledGross: "£18.00",
        completedCheckoutAt: date(1_709_648_549), items: [course],
        transactions: [SendOwlTransactionRecord(id: "ch_3OqR2cKt5ENTcJ3A0x1Yc2Lm", gross: "£18.00", currency: "GBP",
                                                createdAt: date(1_709_648_551))])

    /// The free taster: no payment, no transaction.
    public static let freeOrder = SendOwlOrder(
        id: "0000123457", number: 123_457, state: "free", gateway: "Free", buyerEmail: "li.wei@example.net",
        buyerName: "Li Wei", buyerFirstName: "Li", settledCurrency: "GBP", settledGross: "£0.00",
        completedCheckoutAt: date(1_709_700_000), items: [taster], transactions: [])

    /// The bundle and the guide, in dollars: `$1,234.50` and `$25`.
    public static let bundleOrder = SendOwlOrder(
        id: "0000123458", number: 123_458, buyerEmail: "sam.okafor@example.org", buyerName: "Sam Okafor",
        buyerFirstName: "Sam", settledCurrency: "USD", settledGross: "$1,259.50",
        completedCheckoutAt: date(1_709_800_000), items: [bundle, guide],
        transactions: [SendOwlTransactionRecord(id: "ch_3OqS9dKt5ENTcJ3A1a2B3c4D", gross: "$1,259.50", currency: "USD",
                                                createdAt: date(1_709_800_004))])

    /// The course in euros, every amount without a currency symbol.
    public static let plainMoneyOrder = SendOwlOrder(
        id: "0000123459", number: 123_459, buyerEmail: "ines.duarte@example.pt", buyerName: "Inês Duarte",
        buyerFirstName: "Inês", settledCurrency: "EUR", settledGross: "15.00",
        completedCheckoutAt: date(1_709_900_000), items: [SendOwlCartItem(productID: 4521, name: course.name, price: "15.00")],
        transactions: [SendOwlTransactionRecord(id: "ch_3OqT1eKt5ENTcJ3A9z8Y7x6W", gross: "15.00", currency: "EUR",
                                                createdAt: date(1_709_900_003))])

    /// The course bought with PayPal, later disputed and charged back.
    public static let disputedOrder = SendOwlOrder(
        id: "0000123460", number: 123_460, gateway: "PayPal", buyerEmail: "max.berg@example.de", buyerName: "Max Berg",
        buyerFirstName: "Max", settledCurrency: "GBP", settledGross: "£18.00",
        completedCheckoutAt: date(1_710_000_000), items: [course],
        transactions: [SendOwlTransactionRecord(id: "8AB12345CD678901E", gross: "£18.00", currency: "GBP",
                                                createdAt: date(1_710_000_002))])

    /// A card payment that did not go through.
    public static let failedOrder = SendOwlOrder(
        id: "0000123461", number: 123_461, state: "failed", buyerEmail: "ana.ribeiro@example.org",
        buyerName: "Ana Ribeiro", buyerFirstName: "Ana", settledCurrency: "GBP", settledGross: "£18.00",
        accessAllowed: false, completedCheckoutAt: date(1_710_100_000), items: [course], transactions: [])

    /// The creator trying the checkout through PayPal's sandbox.
    public static let testOrder = SendOwlOrder(
        id: "0000123462", number: 123_462, gateway: "PayPal Sandbox", buyerEmail: "creator+test@lettering.example",
        buyerName: "Test Buyer", buyerFirstName: "Test", settledCurrency: "GBP", settledGross: "£18.00",
        completedCheckoutAt: date(1_710_200_000), items: [course],
        transactions: [SendOwlTransactionRecord(id: "5TY05013RG002845M", gross: "£18.00", currency: "GBP",
                                                createdAt: date(1_710_200_001))])

    /// The club subscription, as set up at the gateway before its first payment.
    public static let clubOrder = SendOwlOrder(
        id: "0048206320", number: 48_206_320, state: "subscription_setup", buyerEmail: "ana.ribeiro@example.org",
        buyerName: "Ana Ribeiro", buyerFirstName: "Ana", settledCurrency: "USD", settledGross: "15.00",
        forSubscription: true, subscriptionManagementURL: "https://transactions.sendowl.com/orders/48206320/subscription/d1229bd8",
        completedCheckoutAt: date(1_712_750_739), items: [club], transactions: [])

    /// The club after its first payment.
    public static var clubFirstPayment: SendOwlOrder {
        clubOrder.inState("subscription_active")
            .paying("15.00", transactionID: "ch_1FS8KwKt5ENTcJ3AJHEOLYtA", at: date(1_712_751_261), nextPaymentDate: date(1_715_343_261))
    }

    /// The club after its first renewal.
    public static var clubRenewed: SendOwlOrder {
        clubFirstPayment.paying("15.00", transactionID: "ch_1GT9LxKt5ENTcJ3AKIFPMZuB", at: date(1_715_343_265),
                                nextPaymentDate: date(1_717_935_265))
    }

    /// Every recorded delivery, by fixture name (the file name without `.json`).
    public static var deliveries: [(name: String, payload: SendOwlJSON)] {
        [
            ("order_completed", SendOwlPayload.body(courseOrder)),
            ("free_order", SendOwlPayload.body(freeOrder)),
            ("order_completed.bundle", SendOwlPayload.body(bundleOrder)),
            ("order_completed.money-without-symbol", SendOwlPayload.body(plainMoneyOrder)),
            ("order_completed.test-mode", SendOwlPayload.body(testOrder)),
            ("refund_issued", SendOwlPayload.body(courseOrder.refunding("£18.00", transactionID: "re_3OqR2cKt5ENTcJ3A0Rf1Ab2C",
                                                                         at: date(1_710_252_000)))),
            ("refund_issued.partial", SendOwlPayload.body(bundleOrder.refunding("$25.00", transactionID: "re_3OqS9dKt5ENTcJ3A1Rf9Zz8Y",
                                                                                 at: date(1_710_300_000)))),
            ("in_dispute", SendOwlPayload.body(disputedOrder.inState("in_dispute"))),
            ("chargeback", SendOwlPayload.body(disputedOrder.inState("chargeback", accessAllowed: false))),
            ("order_failed", SendOwlPayload.body(failedOrder)),
            ("fraud_review", SendOwlPayload.body(courseOrder.inState("fraud_review", accessAllowed: false))),
            ("subscription_setup", SendOwlPayload.body(clubOrder)),
            ("subscription_active.first-payment", SendOwlPayload.body(clubFirstPayment)),
            ("subscription_active", SendOwlPayload.body(clubRenewed)),
            ("subscription_cancelling", SendOwlPayload.body(clubRenewed.inState("subscription_cancelling",
                                                                                 nextPaymentDate: clubRenewed.nextPaymentDate))),
            ("subscription_cancelled", SendOwlPayload.body(clubRenewed.inState("subscription_cancelled", accessAllowed: false))),
            ("subscription_complete", SendOwlPayload.body(clubRenewed.inState("subscription_complete"))),
            ("unknown-event", SendOwlPayload.body(courseOrder.inState("partially_shipped"))),
        ]
    }

    static func date(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: seconds) }
}
