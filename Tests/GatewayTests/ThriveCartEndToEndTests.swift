import AccessKernel
import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Mocks
import Testing

@Suite("ThriveCart deliveries end to end, on loopback against the real server")
struct ThriveCartEndToEndTests {
    let order = ThriveCartScenario.bundleOrder

    @Test("order.success with a bump and an upsell opens every mapped course", arguments: BodyEncoding.allCases)
    func orderWithBumpAndUpsell(_ encoding: BodyEncoding) async throws {
        let harness = try await ThriveCartGateway.make()
        let authorization = try await harness.authorization()
        try await harness.gateway.application.test(.live) { [order] client in
            let response = try await ThriveCartGateway.deliver(ThriveCartPayload.orderSuccess(order), encoding: encoding, with: client)
            #expect(response.status == .ok, "\(response.body.text)")
            #expect(response.body.json["status"] as? String == "recorded")
            for course in ["watercolour", "lettering-workbook", "masterclass"] {
                let answer = try await ThriveCartGateway.access(email: order.customer.email, course: course,
                                                                authorization: authorization, with: client)
                #expect(answer["access"] as? Bool == true, "\(course): \(answer)")
            }
            let studio = try await ThriveCartGateway.access(email: order.customer.email, course: "studio",
                                                            authorization: authorization, with: client)
            #expect(studio["status"] as? String == "none")
        }
    }

    @Test("the same delivery again is answered 200 and changes nothing")
    func sameDeliveryTwice() async throws {
        let harness = try await ThriveCartGateway.make()
        let store = harness.store
        try await harness.gateway.application.test(.live) { [order] client in
            let first = try await ThriveCartGateway.deliver(ThriveCartPayload.orderSuccess(order), with: client)
            #expect(first.body.json["status"] as? String == "recorded")
            let customer = try #require(try await store.customer(email: order.customer.email))
            let events = try await store.accessEvents(customerID: customer.id)
            let facts = try await store.facts(customerID: customer.id)
            let again = try await ThriveCartGateway.deliver(ThriveCartPayload.orderSuccess(order), with: client)
            #expect(again.status == .ok)
            #expect(again.body.json["status"] as? String == "duplicate")
            #expect(try await store.accessEvents(customerID: customer.id) == events)
            #expect(try await store.facts(customerID: customer.id) == facts)
        }
    }

    @Test("a refund of the bump revokes only the bump's course")
    func refundOfBump() async throws {
        let harness = try await ThriveCartGateway.make()
        let authorization = try await harness.authorization()
        try await harness.gateway.application.test(.live) { [order] client in
            _ = try await ThriveCartGateway.deliver(ThriveCartPayload.orderSuccess(order), with: client)
            let refund = ThriveCartPayload.refund(order, item: ThriveCartScenario.workbookBump,
                                                  at: order.orderedAt.addingTimeInterval(86_400))
            let response = try await ThriveCartGateway.deliver(refund, with: client)
            #expect(response.status == .ok, "\(response.body.text)")
            let workbook = try await ThriveCartGateway.access(email: order.customer.email, course: "lettering-workbook",
                                                              authorization: authorization, with: client)
            #expect(workbook["access"] as? Bool == false)
            #expect(workbook["status"] as? String == "revoked")
            #expect((workbook["message"] as? String)?.isEmpty == false)
            for course in ["watercolour", "masterclass"] {
                let answer = try await ThriveCartGateway.access(email: order.customer.email, course: course,
                                                                authorization: authorization, with: client)
                #expect(answer["access"] as? Bool == true, "\(course): \(answer)")
            }
        }
    }

    @Test("a cancel under the period_end policy keeps access until billing_period_end, then the sweeper expires it")
    func cancelAtPeriodEnd() async throws {
        let harness = try await ThriveCartGateway.make()
        let authorization = try await harness.authorization()
        let now = Date()
        var membership = ThriveCartScenario.membershipOrder
        membership.orderedAt = now.addingTimeInterval(-20 * 86_400)
        let periodEnd = now.addingTimeInterval(10 * 86_400).rounded
        let cancel = ThriveCartPayload.subscriptionCancelled(membership, item: ThriveCartScenario.membership,
                                                             at: now.addingTimeInterval(-3_600), billingPeriodEnd: periodEnd)
        let sweeper = harness.gateway.sweeper
        try await harness.gateway.application.test(.live) { [membership] client in
            _ = try await ThriveCartGateway.deliver(ThriveCartPayload.orderSuccess(membership), with: client)
            let response = try await ThriveCartGateway.deliver(cancel, with: client)
            #expect(response.status == .ok, "\(response.body.text)")
            let before = try await ThriveCartGateway.access(email: membership.customer.email, course: "studio",
                                                            authorization: authorization, with: client)
            #expect(before["access"] as? Bool == true, "\(before)")
            #expect(before["expires_at"] as? String == periodEnd.formatted(.iso8601))

            let events = await sweeper.sweep(now: periodEnd.addingTimeInterval(1))
            #expect(events.map(\.kind) == [.expired])

            let after = try await ThriveCartGateway.access(email: membership.customer.email, course: "studio",
                                                           authorization: authorization, with: client)
            #expect(after["access"] as? Bool == false)
            #expect(after["status"] as? String == "expired")
            #expect(after["expires_at"] as? String == periodEnd.formatted(.iso8601))
        }
    }

    @Test("a test-mode order is recorded but opens no live course")
    func testModeOrder() async throws {
        let harness = try await ThriveCartGateway.make()
        let authorization = try await harness.authorization()
        let testOrder = ThriveCartScenario.testOrder
        try await harness.gateway.application.test(.live) { client in
            let response = try await ThriveCartGateway.deliver(ThriveCartPayload.orderSuccess(testOrder), with: client)
            #expect(response.status == .ok, "\(response.body.text)")
            let answer = try await ThriveCartGateway.access(email: testOrder.customer.email, course: "watercolour",
                                                            authorization: authorization, with: client)
            #expect(answer["access"] as? Bool == false, "\(answer)")
        }
    }

    @Test("a wrong secret word is 401 and records nothing")
    func wrongSecret() async throws {
        let harness = try await ThriveCartGateway.make()
        var forged = order
        forged.secretWord = "not-the-secret"
        try await harness.gateway.application.test(.live) { [forged] client in
            let response = try await ThriveCartGateway.deliver(ThriveCartPayload.orderSuccess(forged), with: client)
            #expect(response.status == .unauthorized)
            #expect(response.body.json["code"] as? String == "unauthenticated")
        }
        #expect(try await harness.store.customer(email: order.customer.email) == nil)
        #expect(await harness.gateway.committer.deliveries == 0)
    }

    @Test("recorded fixtures of events Coursegate does not act on are answered 200 ignored")
    func ignoredFixtures() async throws {
        let harness = try await ThriveCartGateway.make()
        try await harness.gateway.application.test(.live) { client in
            for name in ["cart.abandoned", "affiliate.commission_earned", "unknown-event"] {
                for encoding in BodyEncoding.allCases {
                    let body = try Fixtures.body("thrivecart", "\(name).\(encoding.fileExtension)")
                    let response = try await client.execute(uri: "/webhooks/\(ThriveCartScenario.instanceID)", method: .post,
                                                            headers: [.contentType: encoding.contentType],
                                                            body: ByteBuffer(bytes: body))
                    #expect(response.status == .ok, "\(name).\(encoding): \(response.body.text)")
                    #expect(response.body.json["status"] as? String == "ignored", "\(name).\(encoding)")
                }
            }
        }
    }
}

private extension Date {
    /// Whole seconds, as ThriveCart writes times.
    var rounded: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
