import AccessKernel
import AccessStore
import AdapterKit
import Foundation
import Gateway
import Mocks
import Testing

/// Payments through the provider: refunds, cancels, pauses and resumes reach the mock
/// provider over real libcurl, and access follows the mapping's policies.
@Suite struct SupportPaymentTests {
    typealias TC = ThriveCartScenario
    static let zoe = TC.bundleOrder.customer.email
    static let ana = TC.membershipOrder.customer.email

    /// A mock ThriveCart account that sold the bundle to Zoë and the membership to Ana, both
    /// recorded from the API as reconciliation would, and a desk acting on it.
    struct ThriveCartShop {
        let mock: MockThriveCartAPI
        let api: any ProviderAPI
        let fixture: SupportChangeFixture

        init(onAdminCancel: String = "keep") async throws {
            mock = try MockThriveCartAPI()
            mock.sell(TC.bundleOrder)
            mock.sell(TC.membershipOrder)
            api = try SupportChangeFixture.api("tc-main", baseURL: mock.baseURL, onAdminCancel: onAdminCancel)
            fixture = try await SupportChangeFixture(onAdminCancel: onAdminCancel, providers: ["tc-main": api])
            try await fixture.record(try await api.orderFacts(orderID: TC.bundleOrder.orderID))
            try await fixture.record(try await api.orderFacts(orderID: TC.membershipOrder.orderID))
        }

        /// What the account reports for an order now, recorded as its webhooks would be.
        func reconcile(_ orderID: String) async throws -> RecordOutcome {
            try await fixture.record(try await api.orderFacts(orderID: orderID))
        }
    }

    static func refundUpsell(reason: String? = "asked within 14 days") -> PaymentRequest {
        .refund(instance: "tc-main", orderID: TC.bundleOrder.orderID, paymentID: nil, itemReference: "2", amountCents: nil, reason: reason)
    }

    static let cancelMembership = PaymentRequest.cancel(instance: "tc-main", subscriptionID: "3498819", orderID: nil)

    @Test func aRefundReachesTheProviderAndAccessWaitsForTheRefundItself() async throws {
        let shop = try await ThriveCartShop()
        defer { shop.mock.stop() }
        let zoe = try await shop.fixture.customerID(Self.zoe)
        #expect(try await shop.fixture.status(zoe, "masterclass") == .active(until: nil))

        let outcome = try await shop.fixture.desk.payment(Self.refundUpsell(), customerID: zoe, by: "key:helpdesk")
        let request = try #require(shop.mock.requests.last)
        #expect(request.path == "/refund")
        #expect(request.form == ["order_id": "3230022", "reference": "2", "reason": "asked within 14 days"])
        #expect(outcome.summary == "refunded item 2 of ThriveCart order 3230022 in full")
        #expect(outcome.changes.isEmpty, "no refund fact yet: access stays")
        #expect(try await shop.fixture.status(zoe, "masterclass") == .active(until: nil))
        let note = try #require(try await shop.fixture.adminActions(zoe).last)
        #expect(note.action.actor == "key:helpdesk")
        #expect(note.action.action == .providerAction(name: "refund", reference: outcome.providerReference, summary: outcome.summary))

        let reconciled = try await shop.reconcile(TC.bundleOrder.orderID)
        #expect(reconciled.events.map(\.course) == ["masterclass"], "the refund's own fact revokes under on_refund: revoke")
        #expect(try await shop.fixture.status(zoe, "masterclass") == .revoked(.refunded))
        #expect(try await shop.fixture.status(zoe, "watercolour") == .active(until: nil))
        let refunds = try await shop.fixture.store.facts(customerID: zoe).filter { if case .refund = $0.fact.event { true } else { false } }
        #expect(refunds.count == 1, "the refund is counted once: the note is not a refund")
    }

    @Test func anAdminCancelStopsPaymentsAndKeepsAccessByDefault() async throws {
        let shop = try await ThriveCartShop()
        defer { shop.mock.stop() }
        let ana = try await shop.fixture.customerID(Self.ana)
        let outcome = try await shop.fixture.desk.payment(Self.cancelMembership, customerID: ana, by: "support")
        let request = try #require(shop.mock.requests.last)
        #expect(request.path == "/cancelSubscription")
        #expect(request.form == ["order_id": "3230187", "subscription_id": "3498819"], "the order is taken from the customer's facts")
        #expect(outcome.summary == "cancelled ThriveCart subscription 3498819")
        #expect(outcome.changes.isEmpty)
        #expect(try await shop.fixture.status(ana, "studio") == .active(until: nil))
        let cancels = try await shop.fixture.store.facts(customerID: ana).compactMap { stored -> Cancellation? in
            if case .subscription(let change) = stored.fact.event, case .cancelled(let cancel) = change.change { cancel } else { nil }
        }
        #expect(cancels.map(\.initiator) == [.admin])
    }

    @Test func anAdminCancelRevokesWhenThePolicySaysRevokeNow() async throws {
        let shop = try await ThriveCartShop(onAdminCancel: "revoke_now")
        defer { shop.mock.stop() }
        let ana = try await shop.fixture.customerID(Self.ana)
        let outcome = try await shop.fixture.desk.payment(Self.cancelMembership, customerID: ana, by: "support")
        #expect(outcome.changes == [AccessChange(course: "studio", before: "active", after: "revoked")])
        #expect(try await shop.fixture.status(ana, "studio") == .revoked(.cancelled))
    }

    @Test func theProvidersEchoOfAnAdminCancelDoesNotApplyItsOwnPolicy() async throws {
        let shop = try await ThriveCartShop()
        defer { shop.mock.stop() }
        let ana = try await shop.fixture.customerID(Self.ana)
        _ = try await shop.fixture.desk.payment(Self.cancelMembership, customerID: ana, by: "support")
        shop.mock.cancel(TC.membershipOrder, item: TC.membership, at: Date(), billingPeriodEnd: Date().addingTimeInterval(-60))
        _ = try await shop.reconcile(TC.membershipOrder.orderID)
        #expect(try await shop.fixture.status(ana, "studio") == .active(until: nil), "the admin's cancel came first and decides")
    }

    @Test func pauseAndResumeRecordTheirChangesUnderOnPause() async throws {
        let shop = try await ThriveCartShop()
        defer { shop.mock.stop() }
        let ana = try await shop.fixture.customerID(Self.ana)
        let paused = try await shop.fixture.desk.payment(.pause(instance: "tc-main", subscriptionID: "3498819", orderID: "3230187"),
                                                         customerID: ana, by: "support")
        #expect(shop.mock.requests.last?.path == "/pauseSubscription")
        #expect(paused.changes == [AccessChange(course: "studio", before: "active", after: "revoked")], "on_pause: suspend")
        let resumed = try await shop.fixture.desk.payment(.resume(instance: "tc-main", subscriptionID: "3498819", orderID: nil),
                                                          customerID: ana, by: "support")
        #expect(shop.mock.requests.last?.path == "/resumeSubscription")
        #expect(resumed.changes == [AccessChange(course: "studio", before: "revoked", after: "active")])
        let pausedAgain = try await shop.fixture.desk.payment(.pause(instance: "tc-main", subscriptionID: "3498819", orderID: nil),
                                                              customerID: ana, by: "support")
        #expect(pausedAgain.changes.map(\.after) == ["revoked"], "a second pause after a resume is a new fact")
    }

    @Test func anOrderOfAnotherCustomerIsNotFoundAndNeverSent() async throws {
        let shop = try await ThriveCartShop()
        defer { shop.mock.stop() }
        let zoe = try await shop.fixture.customerID(Self.zoe)
        let before = shop.mock.requests.count
        let refund = await supportFailure {
            try await shop.fixture.desk.payment(.refund(instance: "tc-main", orderID: TC.membershipOrder.orderID, paymentID: nil,
                                                        itemReference: "17", amountCents: nil, reason: nil), customerID: zoe, by: "t")
        }
        #expect(refund?.kind == .notFound)
        let cancel = await supportFailure { try await shop.fixture.desk.payment(Self.cancelMembership, customerID: zoe, by: "t") }
        #expect(cancel?.kind == .notFound)
        let wrongOrder = await supportFailure {
            let ana = try await shop.fixture.customerID(Self.ana)
            return try await shop.fixture.desk.payment(.cancel(instance: "tc-main", subscriptionID: "3498819", orderID: "3230022"),
                                                       customerID: ana, by: "t")
        }
        #expect(wrongOrder?.kind == .notFound, "the subscription is Ana's but the order is Zoë's")
        #expect(shop.mock.requests.count == before)
    }

    @Test func theProvidersRefusalIsAProviderErrorCarryingIt() async throws {
        let shop = try await ThriveCartShop()
        defer { shop.mock.stop() }
        let zoe = try await shop.fixture.customerID(Self.zoe)
        _ = try await shop.fixture.desk.payment(Self.refundUpsell(), customerID: zoe, by: "t")
        let again = await supportFailure { try await shop.fixture.desk.payment(Self.refundUpsell(), customerID: zoe, by: "t") }
        #expect(again?.kind == .provider)
        #expect(again?.providerError?.kind == .rejected)
        #expect(again?.message.contains("This item has already been refunded") == true, "\(String(describing: again))")
        let partial = await supportFailure {
            try await shop.fixture.desk.payment(.refund(instance: "tc-main", orderID: "3230022", paymentID: nil, itemReference: "12",
                                                        amountCents: 500, reason: nil), customerID: zoe, by: "t")
        }
        #expect(partial?.kind == .unsupported, "ThriveCart refunds whole items only")
    }

    @Test func anInstanceWithoutAnAPIIsUnsupportedAndAnUnknownOneNotFound() async throws {
        let shop = try await ThriveCartShop()
        defer { shop.mock.stop() }
        let zoe = try await shop.fixture.customerID(Self.zoe)
        let bare = await supportFailure {
            try await shop.fixture.desk.payment(.refund(instance: "bare", orderID: "1", paymentID: nil, itemReference: nil, amountCents: nil,
                                                        reason: nil), customerID: zoe, by: "t")
        }
        #expect(bare?.kind == .unsupported)
        let unknown = await supportFailure {
            try await shop.fixture.desk.payment(.cancel(instance: "nowhere", subscriptionID: "1", orderID: nil), customerID: zoe, by: "t")
        }
        #expect(unknown?.kind == .notFound)
        #expect(await supportFailure { try await shop.fixture.desk.payment(Self.cancelMembership, customerID: 9_999, by: "t") }?.kind
                == .notFound)
    }

    // MARK: SendOwl

    @Test func sendOwlCannotPauseSoAPauseIsUnsupported() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        let club = SendOwlScenario.clubRenewed
        mock.sell(club)
        let api = try SupportChangeFixture.api("shop", baseURL: mock.baseURL)
        let fixture = try await SupportChangeFixture(providers: ["shop": api])
        try await fixture.record(try await api.orderFacts(orderID: club.id))
        let customer = try await fixture.customerID(club.buyerEmail)
        let before = mock.requests.count
        let error = await supportFailure {
            try await fixture.desk.payment(.pause(instance: "shop", subscriptionID: club.id, orderID: nil), customerID: customer, by: "t")
        }
        #expect(error?.kind == .unsupported)
        #expect(mock.requests.count == before)
        #expect(try await fixture.status(customer, "lettering-club") == .active(until: nil))
    }

    @Test func aSendOwlPartialRefundKeepsAccessUnderOnPartialRefund() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        let order = SendOwlScenario.courseOrder
        mock.sell(order)
        let api = try SupportChangeFixture.api("shop", baseURL: mock.baseURL)
        let fixture = try await SupportChangeFixture(providers: ["shop": api])
        try await fixture.record(try await api.orderFacts(orderID: order.id))
        let customer = try await fixture.customerID(order.buyerEmail)

        let outcome = try await fixture.desk.payment(.refund(instance: "shop", orderID: order.id, paymentID: nil, itemReference: nil,
                                                             amountCents: 500, reason: nil), customerID: customer, by: "support")
        #expect(mock.requests.last?.path == "/api/v1/orders/\(order.id)/refund")
        #expect(outcome.changes.isEmpty)
        try await fixture.record(try await api.orderFacts(orderID: order.id))
        #expect(try await fixture.status(customer, "copperplate") == .active(until: nil), "on_partial_refund: keep")

        _ = try await fixture.desk.payment(.refund(instance: "shop", orderID: order.id, paymentID: nil, itemReference: nil,
                                                   amountCents: nil, reason: nil), customerID: customer, by: "support")
        try await fixture.record(try await api.orderFacts(orderID: order.id))
        #expect(try await fixture.status(customer, "copperplate") == .revoked(.refunded), "refunded in full: on_refund revoke")
    }
}
