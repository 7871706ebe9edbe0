import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlIdempotencyKeys {
    typealias S = SendOwlScenario

    @Test func sameDeliveryArrivingTwiceHasTheSameKeysAndEvents() throws {
        let adapter = try SendOwlTesting.adapter()
        for (name, payload) in S.deliveries {
            let first = try adapter.verify(SendOwlRequest.make(payload, receivedAt: Date(unix: 1_720_000_000)))
            let retry = try adapter.verify(SendOwlRequest.make(payload, receivedAt: Date(unix: 1_720_086_400)))
            guard case .facts(let facts) = first, case .facts(let again) = retry else {
                #expect(first == retry, "\(name)")
                continue
            }
            #expect(facts.map(\.key) == again.map(\.key), "\(name)")
            #expect(facts.map(\.event) == again.map(\.event), "\(name)")
        }
    }

    @Test func changesWithoutATransactionOfTheirOwnHappenWhenTheOrderWasUpdatedElseOnArrival() throws {
        let payload = SendOwlPayload.body(S.disputedOrder.inState("chargeback"))
        let arrived = try SendOwlTesting.adapter().verify(SendOwlRequest.make(payload, receivedAt: Date(unix: 1_720_000_000)))
        guard case .facts(let facts) = arrived else { Issue.record("facts expected"); return }
        #expect(facts.map(\.occurredAt) == [Date(unix: 1_720_000_000)])
        let updated = try SendOwlTesting.facts(payload.withOrderField("updated_at", "2024-03-11T09:00:00Z"))
        #expect(updated.map(\.occurredAt) == [Date(unix: 1_710_147_600)])
    }

    @Test func everyRecordedChangeHasItsOwnKeyAndAPurchaseKeyNamesOneFact() throws {
        var byKey: [FactKey: Fact] = [:]
        var changes: [FactKey] = []
        for (name, payload) in S.deliveries {
            guard case .facts(let facts) = try SendOwlTesting.verdict(payload) else { continue }
            for fact in facts {
                if let earlier = byKey[fact.key] { #expect(earlier == fact, "\(name): key \(fact.key) names two facts") }
                byKey[fact.key] = fact
                if case .purchase = fact.event { continue }
                changes.append(fact.key)
            }
        }
        #expect(Set(changes).count == changes.count, "no two changes share a key")
        #expect(changes.count == 9)
    }

    @Test func aRenewalGivesANewKeyForTheSameState() throws {
        let first = try SendOwlTesting.facts(S.clubFirstPayment)
        let renewed = try SendOwlTesting.facts(S.clubRenewed)
        #expect(first.last?.key != renewed.last?.key)
        #expect(renewed.last?.key == "shop:0048206320:subscription_active:refunded=false:tx=ch_1FS8KwKt5ENTcJ3AJHEOLYtA,ch_1GT9LxKt5ENTcJ3AKIFPMZuB:subscription.renewed")
    }

    @Test func transactionOrderDoesNotChangeTheKey() throws {
        var reordered = S.clubRenewed
        reordered.transactions.reverse()
        #expect(try SendOwlTesting.facts(reordered).map(\.key) == SendOwlTesting.facts(S.clubRenewed).map(\.key))
    }

    @Test func colonsCommasAndPercentInsideValuesAreEscaped() throws {
        var order = S.courseOrder.refunding("£18.00", transactionID: "re:1,2%", at: Date(unix: 1_710_252_000))
        order.id = "A:1"
        #expect(try SendOwlTesting.fact(order).key == "shop:A%3A1:complete:refunded=true:tx=ch_3OqR2cKt5ENTcJ3A0x1Yc2Lm,re%3A1%2C2%25:refund")
    }

    @Test func twoInstancesNeverShareAKey() throws {
        let other = try SendOwlAdapter(instance: AdapterInstance(id: "shop-eu", secrets: ["signing_key": "k2"]))
        guard case .facts(let facts) = try other.verify(SendOwlRequest.make(SendOwlPayload.body(S.courseOrder), key: "k2")) else {
            Issue.record("facts expected")
            return
        }
        #expect(facts.map(\.key) == ["shop-eu:0000123456:purchase"])
    }
}
