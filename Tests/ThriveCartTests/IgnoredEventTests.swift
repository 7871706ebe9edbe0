import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

@Suite struct IgnoredEvents {
    typealias S = ThriveCartScenario

    static let notAboutAccess: [PayloadValue] = [
        ThriveCartPayload.cartAbandoned(S.bundleOrder, at: Date(unix: 1)),
        ThriveCartPayload.affiliateCommission("affiliate.commission_earned", S.bundleOrder, affiliateID: "4471", commission: 5_900, at: Date(unix: 1)),
        ThriveCartPayload.affiliateCommission("affiliate.commission_payout", S.bundleOrder, affiliateID: "4471", commission: 5_900, at: Date(unix: 1)),
        ThriveCartPayload.affiliateCommission("affiliate.commission_refund", S.bundleOrder, affiliateID: "4471", commission: 2_910, at: Date(unix: 1)),
    ]

    @Test(arguments: notAboutAccess)
    func cartAndAffiliateEventsAreIgnoredSoThriveCartStopsRetrying(payload: PayloadValue) throws {
        for encoding in BodyEncoding.allCases {
            let verdict = try ThriveCartTesting.verdict(payload, encoding)
            guard case .ignored(let reason) = verdict else { Issue.record("\(verdict) is not ignored"); continue }
            #expect(reason.hasSuffix("does not affect access"))
        }
    }

    @Test func unknownEventIsIgnoredWithItsName() throws {
        let verdict = try ThriveCartTesting.verdict(ThriveCartPayload.unknownEvent("order.upgraded", S.bundleOrder))
        #expect(verdict == .ignored(reason: "unknown ThriveCart event order.upgraded"))
    }

    @Test func ignoredEventWithAWrongSecretIsStillUnauthenticated() throws {
        var payload = ThriveCartPayload.cartAbandoned(S.bundleOrder, at: Date(unix: 1))
        payload["thrivecart_secret"] = "WRONGWORD123"
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error.kind == .unauthenticated)
    }
}
