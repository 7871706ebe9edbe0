import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlPurchase {
    typealias S = SendOwlScenario

    @Test func completedOrderIsAPurchaseOfItsProductsAtCheckoutTime() throws {
        let fact = try SendOwlTesting.fact(S.courseOrder)
        #expect(fact.event == .purchase(Purchase(orderID: "0000123456", otherOrderIDs: ["123456"], items: [
            OrderItem(key: ItemKey(.product, "4521"), amount: 1_800, currency: "GBP"),
        ])))
        #expect(fact.key == "shop:0000123456:purchase")
        #expect(fact.instance == "shop")
        #expect(fact.mode == .live)
        #expect(fact.customer == CustomerRef(email: "zoe.muller@example.com", name: "Zoë Müller"))
        #expect(fact.occurredAt == Date(unix: 1_709_648_549), "cart.completed_checkout_at")
    }

    @Test func freeOrderIsAPurchaseOfNothingCharged() throws {
        let fact = try SendOwlTesting.fact(S.freeOrder)
        #expect(fact.event == .purchase(Purchase(orderID: "0000123457", otherOrderIDs: ["123457"], items: [
            OrderItem(key: ItemKey(.product, "4522"), amount: 0, currency: "GBP"),
        ])))
    }

    @Test func importedOrderIsAPurchase() throws {
        guard case .purchase = try SendOwlTesting.fact(S.courseOrder.inState("imported")).event else {
            Issue.record("an imported order is a purchase")
            return
        }
    }

    @Test func packageMarkedByProductTypeIsABundleBesideAProduct() throws {
        let fact = try SendOwlTesting.fact(S.bundleOrder)
        guard case .purchase(let purchase) = fact.event else { Issue.record("not a purchase"); return }
        #expect(purchase.items == [
            OrderItem(key: ItemKey(.bundle, "880"), amount: 123_450, currency: "USD"),
            OrderItem(key: ItemKey(.product, "4523"), amount: 2_500, currency: "USD"),
        ])
    }

    @Test(arguments: ["package", "Package", "BUNDLE", "bundle"])
    func productTypeNamingAPackageOrBundleInAnyCaseMakesABundle(type: String) throws {
        var order = S.bundleOrder
        order.items[0].productType = type
        guard case .purchase(let purchase) = try SendOwlTesting.fact(order).event else { Issue.record("not a purchase"); return }
        #expect(purchase.items[0].key == ItemKey(.bundle, "880"))
    }

    @Test func packageIDsOfTheInstanceMakeBundlesWhenThePayloadDoesNotSay() throws {
        var order = S.bundleOrder
        order.items[0].productType = "digital"
        guard case .purchase(let unmarked) = try SendOwlTesting.fact(order).event,
              case .purchase(let listed) = try SendOwlTesting.fact(order, packageIDs: ["880"]).event else {
            Issue.record("not a purchase")
            return
        }
        #expect(unmarked.items.map(\.key) == [ItemKey(.product, "880"), ItemKey(.product, "4523")])
        #expect(listed.items.map(\.key) == [ItemKey(.bundle, "880"), ItemKey(.product, "4523")])
    }

    @Test func amountsWithoutCurrencySymbolReadTheSame() throws {
        guard case .purchase(let purchase) = try SendOwlTesting.fact(S.plainMoneyOrder).event else { Issue.record("not a purchase"); return }
        #expect(purchase.items == [OrderItem(key: ItemKey(.product, "4521"), amount: 1_500, currency: "EUR")])
    }

    @Test(arguments: ["about eighteen pounds", "£", "1.2.3,4", "99999999999999999999999"])
    func unreadablePriceCountsAsZeroForThatItemInsteadOfRefusingTheOrder(price: String) throws {
        var order = S.bundleOrder
        order.items[0].price = price
        guard case .purchase(let purchase) = try SendOwlTesting.fact(order).event else { Issue.record("not a purchase"); return }
        #expect(purchase.items.map(\.amount) == [0, 2_500])
    }

    @Test func quantityMultipliesTheUnitPrice() throws {
        var order = S.courseOrder
        order.items[0].quantity = 3
        guard case .purchase(let purchase) = try SendOwlTesting.fact(order).event else { Issue.record("not a purchase"); return }
        #expect(purchase.items.map(\.amount) == [5_400])
    }

    @Test func singleItemWithoutPriceIsWorthTheSettledGross() throws {
        var order = S.courseOrder
        order.items[0].price = nil
        guard case .purchase(let purchase) = try SendOwlTesting.fact(order).event else { Issue.record("not a purchase"); return }
        #expect(purchase.items.map(\.amount) == [1_800])
    }

    @Test func currencyFallsBackToThePaymentCurrencyThenToNoCurrency() throws {
        var order = S.courseOrder
        order.settledCurrency = nil
        guard case .purchase(let fromPayment) = try SendOwlTesting.fact(order).event else { Issue.record("not a purchase"); return }
        #expect(fromPayment.items.map(\.currency) == ["GBP"])
        order.transactions = []
        guard case .purchase(let none) = try SendOwlTesting.fact(order).event else { Issue.record("not a purchase"); return }
        #expect(none.items.map(\.currency) == ["XXX"])
    }

    @Test func buyerFirstNameStandsInForAMissingBuyerName() throws {
        let payload = SendOwlPayload.body(S.courseOrder).withOrderField("buyer_name", .null)
        let facts = try SendOwlTesting.facts(payload)
        #expect(facts.first?.customer.name == "Zoë")
    }

    @Test func orderIDsWrittenAsNumbersAreReadAsText() throws {
        let payload = SendOwlPayload.body(S.courseOrder).withOrderField("id", .integer(123_456))
        guard case .purchase(let purchase) = try SendOwlTesting.facts(payload).first?.event else { Issue.record("not a purchase"); return }
        #expect(purchase.orderID == "123456")
        #expect(purchase.otherOrderIDs.isEmpty, "the same id is not listed twice")
    }

    @Test func orderWithoutPaddedIDIsKnownByItsNumber() throws {
        let payload = SendOwlPayload.body(S.courseOrder).withOrderField("id", nil)
        guard case .purchase(let purchase) = try SendOwlTesting.facts(payload).first?.event else { Issue.record("not a purchase"); return }
        #expect(purchase.orderID == "123456")
    }

    @Test(arguments: [
        ("buyer_email", SendOwlJSON.null, "buyer_email"),
        ("cart", SendOwlJSON.null, "cart.cart_items"),
        ("cart", SendOwlJSON.object([SendOwlMember("cart_items", .array([]))]), "cart.cart_items"),
        ("cart", SendOwlJSON.object([SendOwlMember("cart_items", .array([.object([])]))]), "cart.cart_items[0].product"),
        ("cart", SendOwlJSON.object([SendOwlMember("cart_items", .array([.object([SendOwlMember("product", .object([]))])]))]),
         "cart.cart_items[0].product.id"),
        ("id", SendOwlJSON.null, "id"),
        ("transactions", SendOwlJSON.string("none"), "transactions"),
        ("transactions", SendOwlJSON.array([.string("ch_1")]), "transactions[0]"),
    ])
    func purchaseMissingWhatItNeedsIsMalformedNamingTheField(field: String, value: SendOwlJSON, named: String) throws {
        var payload = SendOwlPayload.body(S.courseOrder).withOrderField(field, value)
        if field == "id" { payload = payload.withOrderField("sendowl_order_id", nil) }
        let error = try #require(try SendOwlTesting.refusal(payload))
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix(named + " "), "message: \(error.message)")
    }
}
