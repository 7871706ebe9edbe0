import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct CheckoutSessionCompleted {
    typealias S = NativeCheckoutScenario

    @Test func expandedLineItemsGiveOneItemPerLineKeyedByProductAndPrice() throws {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("checkout.session.completed"))
        #expect(fact.event == .purchase(Purchase(
            orderID: "cs_live_a1JSdeepRegexQ7pK2mX9", otherOrderIDs: ["pi_3PqRsT2eZvKYlo2C0aB1cD2e"],
            items: [OrderItem(key: ItemKey(.product, "prod_JSdeep", pricingOption: "price_1JSonce"), amount: 14_900, currency: "USD"),
                    OrderItem(key: ItemKey(.product, "prod_RegexLab", pricingOption: "price_1RXonce"), amount: 2_900, currency: "USD")])))
        #expect(fact.customer == CustomerRef(email: "sofia.alvarez@example.com", name: "Sofía Álvarez",
                                             providerCustomerID: "cus_QeAc9JhXb3xN2m"))
        #expect(fact.occurredAt == Date(unix: 1_717_400_000))
        #expect(fact.mode == .live)
        #expect(fact.instance == "checkout")
    }

    @Test func metadataNamesTheItemWhenLineItemsAreNotExpanded() throws {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("checkout.session.completed.metadata"))
        #expect(fact.event == .purchase(Purchase(
            orderID: "cs_live_b1MetaOnlyW4nT8vL3", otherOrderIDs: ["pi_3PrMeta2eZvKYlo2C1bC2dE3f"],
            items: [OrderItem(key: ItemKey(.product, "prod_JSdeep", pricingOption: "price_1JSonceEUR"), amount: 13_900,
                              currency: "EUR")])))
        #expect(fact.customer == CustomerRef(email: "lena.fischer@example.de", name: "Lena Fischer"), "a guest has no cus_ id")
    }

    @Test func metadataWithoutPriceKeysTheProductAlone() throws {
        var session = S.metadataOrder
        session.metadataPrice = nil
        let fact = try NativeCheckoutTesting.fact(StripeEventBuilder.checkoutSession(session, eventID: "evt_meta_noprice"))
        guard case .purchase(let purchase) = fact.event else { Issue.record("not a purchase"); return }
        #expect(purchase.items.map(\.key) == [ItemKey(.product, "prod_JSdeep")])
    }

    @Test func subscriptionModeSessionTiesTheRecurringItemToItsSubscription() throws {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("checkout.session.completed.subscription"))
        #expect(fact.event == .purchase(Purchase(
            orderID: "cs_live_c1VaultMonthlyZ5rB", otherOrderIDs: ["sub_1PvQaB2eZvKYlo2CxYz9", "in_1PvQaB2eZvKYlo2CInv1"],
            items: [OrderItem(key: ItemKey(.product, "prod_CoachVault", pricingOption: "price_1PmonthlyVault"), amount: 3_900,
                              currency: "USD", subscriptionID: "sub_1PvQaB2eZvKYlo2CxYz9")])))
        #expect(fact.customer == CustomerRef(email: "kwame.mensah@example.net", name: "Kwame Mensah",
                                             providerCustomerID: "cus_Qf7TnR2kLw8ZpD"))
    }

    @Test func oneTimePriceInASubscriptionSessionIsNotPartOfTheSubscription() throws {
        var session = S.subscriptionOrder
        session.lineItems.append(StripeLineItem(id: "li_setup_fee", price: S.regexOnce, description: "Regex Lab"))
        let fact = try NativeCheckoutTesting.fact(StripeEventBuilder.checkoutSession(session, eventID: "evt_sub_plus_once"))
        guard case .purchase(let purchase) = fact.event else { Issue.record("not a purchase"); return }
        #expect(purchase.items.map(\.subscriptionID) == ["sub_1PvQaB2eZvKYlo2CxYz9", nil])
    }

    @Test func metadataOnlySubscriptionSessionStillNamesItsSubscription() throws {
        var session = S.subscriptionOrder
        session.expandsLineItems = false
        session.metadataProduct = "prod_CoachVault"
        session.metadataPrice = "price_1PmonthlyVault"
        let fact = try NativeCheckoutTesting.fact(StripeEventBuilder.checkoutSession(session, eventID: "evt_sub_meta"))
        guard case .purchase(let purchase) = fact.event else { Issue.record("not a purchase"); return }
        #expect(purchase.items == [OrderItem(key: ItemKey(.product, "prod_CoachVault", pricingOption: "price_1PmonthlyVault"),
                                             amount: 3_900, currency: "USD", subscriptionID: "sub_1PvQaB2eZvKYlo2CxYz9")])
    }

    @Test func unpaidSessionIsIgnoredUntilTheAsyncPaymentSucceeds() throws {
        let reason = try NativeCheckoutTesting.ignoredReason(try NativeCheckoutTesting.delivery("checkout.session.completed.unpaid"))
        #expect(reason == "checkout session cs_live_d1SepaDebitH6sJ4q has payment_status unpaid: awaiting async payment")
        let paid = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("checkout.session.async_payment_succeeded"))
        guard case .purchase(let purchase) = paid.event else { Issue.record("not a purchase"); return }
        #expect(purchase.orderID == "cs_live_d1SepaDebitH6sJ4q", "the same order as the completed session")
        #expect(purchase.otherOrderIDs == ["pi_3PsSepa2eZvKYlo2C2cD3eF4g"])
        #expect(paid.key == "checkout:checkout.session.async_payment_succeeded:evt_1PsSepa2eZvKYlo2CasyncOk")
        #expect(paid.occurredAt == Date(unix: 1_717_959_600), "when the payment succeeded, not when the session completed")
    }

    @Test func noPaymentRequiredOpensCoursesLikeAPaidSession() throws {
        var session = S.courseOrder
        session.paymentStatus = "no_payment_required"
        #expect(throws: Never.self) { try NativeCheckoutTesting.fact(StripeEventBuilder.checkoutSession(session, eventID: "evt_free")) }
    }

    @Test func setupModeSessionSellsNothing() throws {
        var session = S.courseOrder
        session.mode = "setup"
        session.paymentStatus = "no_payment_required"
        let reason = try NativeCheckoutTesting.ignoredReason(StripeEventBuilder.checkoutSession(session, eventID: "evt_setup"))
        #expect(reason?.contains("setup mode") == true)
    }

    @Test func customerEmailIsTheFallbackForCustomerDetails() throws {
        var event = StripeEventBuilder.checkoutSession(S.courseOrder, eventID: "evt_email_fallback")
        event[path: ["data", "object", "customer_details", "email"]] = nil
        event[path: ["data", "object", "customer_email"]] = "sofia@example.org"
        #expect(try NativeCheckoutTesting.fact(event).customer.email == "sofia@example.org")
    }

    @Test func expandedCustomerAndPaymentIntentReadAsTheirIDs() throws {
        var event = StripeEventBuilder.checkoutSession(S.courseOrder, eventID: "evt_expanded")
        event[path: ["data", "object", "customer"]] = .fields(["id": "cus_QeAc9JhXb3xN2m", "object": "customer"])
        event[path: ["data", "object", "payment_intent"]] = .fields(["id": "pi_3PqRsT2eZvKYlo2C0aB1cD2e", "object": "payment_intent"])
        let plain = try NativeCheckoutTesting.fact(StripeEventBuilder.checkoutSession(S.courseOrder, eventID: "evt_expanded"))
        #expect(try NativeCheckoutTesting.fact(event) == plain)
    }
}
