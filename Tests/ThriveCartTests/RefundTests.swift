import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

@Suite struct OrderRefund {
    typealias S = ThriveCartScenario

    @Test(arguments: BodyEncoding.allCases)
    func refundOfAnUpsellNamesTheItemAndLeavesFullnessToTheKernel(encoding: BodyEncoding) throws {
        let payload = ThriveCartPayload.refund(S.bundleOrder, item: S.masterclassUpsell, at: Date(unix: 1_710_252_000))
        let fact = try ThriveCartTesting.fact(payload, encoding)
        #expect(fact.event == .refund(Refund(orderID: "3230022", item: ItemKey(.upsell, "2"), amount: 9_700,
                                             currency: "USD", isFull: nil)))
        #expect(fact.occurredAt == Date(unix: 1_710_252_000), "the refund's own date, not the order's")
        #expect(fact.key == "tc-main:order.refund:3230022:item=upsell-2:amount=9700:invoice=000000141")
    }

    @Test func partialRefundKeepsItsAmountAndGetsItsOwnKey() throws {
        let full = try ThriveCartTesting.fact(ThriveCartPayload.refund(S.bundleOrder, item: S.course, at: Date(unix: 1_710_252_000)))
        let partial = try ThriveCartTesting.fact(ThriveCartPayload.refund(S.bundleOrder, item: S.course, amount: 5_000,
                                                                          at: Date(unix: 1_710_252_000)))
        guard case .refund(let refund) = partial.event else { Issue.record("not a refund"); return }
        #expect(refund.amount == 5_000)
        #expect(refund.item == ItemKey(.product, "12"))
        #expect(full.key != partial.key)
    }

    @Test func bumpAndProductOfTheSameIDAreDifferentRefunds() throws {
        let product = try ThriveCartTesting.fact(ThriveCartPayload.refund(S.bundleOrder, item: S.course, amount: 2_700, at: Date(unix: 1)))
        let bump = try ThriveCartTesting.fact(ThriveCartPayload.refund(S.bundleOrder, item: S.workbookBump, at: Date(unix: 1)))
        #expect(product.key != bump.key)
        guard case .refund(let refund) = bump.event else { Issue.record("not a refund"); return }
        #expect(refund.item == ItemKey(.bump, "12"))
    }

    @Test func refundWithoutTypeRefundsTheWholeOrder() throws {
        var payload = ThriveCartPayload.refund(S.bundleOrder, item: S.course, at: Date(unix: 1))
        payload["refund"] = .fields(["amount": "32100"])
        let fact = try ThriveCartTesting.fact(payload)
        #expect(fact.event == .refund(Refund(orderID: "3230022", amount: 32_100, currency: "USD")))
        #expect(fact.key.rawValue.contains(":item=order:"))
    }

    @Test(arguments: [("amount", "refund[amount]"), ("type", "refund[type]")])
    func refundMissingOrBadFieldIsMalformedNamingIt(field: String, named: String) throws {
        var payload = ThriveCartPayload.refund(S.bundleOrder, item: S.course, at: Date(unix: 1))
        var refund = payload["refund"]
        refund?[field] = field == "type" ? "coupon" : nil
        payload["refund"] = refund
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix(named), "message: \(error.message)")
    }
}
