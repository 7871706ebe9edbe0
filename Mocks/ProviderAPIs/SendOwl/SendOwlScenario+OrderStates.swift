import Foundation

extension SendOwlScenario {
    /// The orders behind ``deliveries``, in the state each delivery reports them: what a
    /// ``MockSendOwlAPI`` account holds at the moment that webhook is sent.
    public static var orderStates: [(name: String, order: SendOwlOrder)] {
        [
            ("order_completed", courseOrder),
            ("free_order", freeOrder),
            ("order_completed.bundle", bundleOrder),
            ("order_completed.money-without-symbol", plainMoneyOrder),
            ("order_completed.test-mode", testOrder),
            ("refund_issued", courseOrder.refunding("£18.00", transactionID: "re_3OqR2cKt5ENTcJ3A0Rf1Ab2C", at: date(1_710_252_000))),
            ("refund_issued.partial", bundleOrder.refunding("$25.00", transactionID: "re_3OqS9dKt5ENTcJ3A1Rf9Zz8Y",
                                                            at: date(1_710_300_000))),
            ("in_dispute", disputedOrder.inState("in_dispute")),
            ("chargeback", disputedOrder.inState("chargeback", accessAllowed: false)),
            ("order_failed", failedOrder),
            ("fraud_review", courseOrder.inState("fraud_review", accessAllowed: false)),
            ("subscription_setup", clubOrder),
            ("subscription_active.first-payment", clubFirstPayment),
            ("subscription_active", clubRenewed),
            ("subscription_cancelling", clubRenewed.inState("subscription_cancelling", nextPaymentDate: clubRenewed.nextPaymentDate)),
            ("subscription_cancelled", clubRenewed.inState("subscription_cancelled", accessAllowed: false)),
            ("subscription_complete", clubRenewed.inState("subscription_complete")),
            ("unknown-event", courseOrder.inState("partially_shipped")),
        ]
    }

    /// Every order of the scenario as it was first sold, before anything happened to it.
    public static var soldOrders: [SendOwlOrder] {
        [courseOrder, freeOrder, bundleOrder, plainMoneyOrder, disputedOrder, failedOrder, testOrder, clubOrder]
    }
}
