import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

@Suite struct OrderSuccess {
    typealias S = ThriveCartScenario

    @Test(arguments: BodyEncoding.allCases)
    func orderWithProductBumpAndUpsellIsOnePurchaseOfThreeItems(encoding: BodyEncoding) throws {
        let fact = try ThriveCartTesting.fact(ThriveCartPayload.orderSuccess(S.bundleOrder), encoding)
        #expect(fact.key == "tc-main:order.success:3230022")
        #expect(fact.instance == "tc-main")
        #expect(fact.mode == .live)
        #expect(fact.occurredAt == Date(unix: 1_709_648_551))
        #expect(fact.customer == CustomerRef(email: "zoe.muller@example.com", name: "Zoë Müller", providerCustomerID: "16099259"))
        #expect(fact.event == .purchase(Purchase(orderID: "3230022", items: [
            OrderItem(key: ItemKey(.product, "12", pricingOption: "31670"), amount: 19_700, currency: "USD"),
            OrderItem(key: ItemKey(.bump, "12"), amount: 2_700, currency: "USD"),
            OrderItem(key: ItemKey(.upsell, "2"), amount: 9_700, currency: "USD"),
        ])))
    }

    @Test(arguments: BodyEncoding.allCases)
    func recurringItemCarriesItsSubscriptionAndIsPricedAtItsFirstPayment(encoding: BodyEncoding) throws {
        let fact = try ThriveCartTesting.fact(ThriveCartPayload.orderSuccess(S.membershipOrder), encoding)
        // The charges hold a `single` line and a `recurring` schedule line of 2,900 each.
        #expect(fact.event == .purchase(Purchase(orderID: "3230187", items: [
            OrderItem(key: ItemKey(.product, "17", pricingOption: "31702"), amount: 2_900, currency: "EUR",
                      subscriptionID: "3498819"),
        ])))
    }

    @Test func subscriptionIDsSentAsJSONTextAreRead() throws {
        var payload = ThriveCartPayload.orderSuccess(S.membershipOrder)
        payload["subscription_ids"] = .text(#"{"product-17": "3498819"}"#)
        guard case .purchase(let purchase) = try ThriveCartTesting.fact(payload).event else { Issue.record("not a purchase"); return }
        #expect(purchase.items.map(\.subscriptionID) == ["3498819"])
    }

    @Test func documentedFirstnameAndLastnameAlsoNameTheCustomer() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["customer"] = .fields(["email": "zoe.muller@example.com", "firstname": "Zoë", "lastname": "Müller"])
        #expect(try ThriveCartTesting.fact(payload).customer.name == "Zoë Müller")
    }

    @Test func occurredAtFallsBackFromOrderTimestampToOrderDateToArrival() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["order_timestamp"] = nil
        #expect(try ThriveCartTesting.fact(payload).occurredAt == Date(unix: 1_709_648_551))
        payload["order_date"] = nil
        #expect(try ThriveCartTesting.fact(payload).occurredAt == Date(unix: 1_720_000_000))
    }

    @Test func purchaseMapFlatAloneSaysWhatWasBought() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["purchase_map"] = nil
        guard case .purchase(let purchase) = try ThriveCartTesting.fact(payload).event else { Issue.record("not a purchase"); return }
        #expect(purchase.items.map(\.key.description) == ["product 12 (31670)", "bump 12", "upsell 2"])
    }

    @Test func purchaseMapDisagreeingWithItsFlatFormIsRefusedAsCutShort() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["purchase_map"] = .list(["product-12", "bump-12"])
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error.kind == .malformed)
        #expect(error.message.contains("purchase_map_flat"))
    }

    @Test(arguments: [
        ("order_id", "order_id"),
        ("customer", "customer[email]"),
        ("purchase_map_flat", "purchase_map"),
        ("currency", "currency"),
    ])
    func missingRequiredFieldIsMalformedNamingIt(field: String, named: String) throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload[field] = nil
        if field == "purchase_map_flat" { payload["purchase_map"] = nil }
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix(named), "message: \(error.message)")
    }

    @Test func missingEventIsMalformed() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["event"] = nil
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error == AdapterError(.malformed, "event is missing; every ThriveCart delivery names its event"))
    }

    @Test func purchaseMapEntryOfAnUnknownKindIsMalformed() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["purchase_map"] = .list(["product-12", "coupon-9"])
        payload["purchase_map_flat"] = "product-12,coupon-9"
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error.kind == .malformed)
        #expect(error.message.contains("coupon-9"))
    }

    @Test func chargeAmountThatIsNotCentsIsMalformed() throws {
        var order = S.bundleOrder
        order.items = [S.course]
        var payload = ThriveCartPayload.orderSuccess(order)
        payload["order"] = .fields(["charges": .list([.fields(["reference": "12", "item_type": "product", "amount": "197.00"])])])
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error.kind == .malformed)
        #expect(error.message.contains("not in cents"))
    }
}
