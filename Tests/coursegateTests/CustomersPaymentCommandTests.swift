import AccessStore
import Foundation
import Mocks
import Testing

/// `coursegate customers refund|cancel|pause|resume` with the real binary against a mock
/// ThriveCart account: each action reaches the provider's API, and access follows the
/// example mapping's policies (tc-main: on_refund revoke, on_admin_cancel keep, on_pause suspend).
@Suite("coursegate customers: payments through the provider")
struct CustomersPaymentCommandTests {
    @Test("refund asks the provider to refund the item and changes no access; the refund, once reconciled, revokes that item's course")
    func refund() async throws {
        let account = try MockThriveCartAccount()
        defer { account.stop() }
        let order = try account.purchase(1)  // product 12 (web-basics) and bump 12 (bonus-toolkit)
        let email = order.customer.email

        let refund = try account.run(["customers", "refund", email, "--instance", "tc-main", "--order", order.orderID,
                                      "--item", "bump-12", "--reason", "asked within 14 days"])
        #expect(refund.status == 0, "\(refund.errors)")
        #expect(refund.output == "refunded item bump-12 of ThriveCart order \(order.orderID) in full\n  no access changed\n",
                "\(refund.output)")
        let call = try #require(account.api.requests.last)
        #expect(call.path == "/refund")
        #expect(call.form == ["order_id": order.orderID, "reference": "bump-12", "reason": "asked within 14 days"])
        let store = try SQLiteStore(path: account.db)
        #expect(try await store.accessStatus(email: email, course: "bonus-toolkit").status == .active(until: nil),
                "the refund request alone does not revoke")

        try account.reconcile()
        #expect(try await store.accessStatus(email: email, course: "bonus-toolkit").status.name == "revoked")
        #expect(try await store.accessStatus(email: email, course: "web-basics").status == .active(until: nil))
        let show = try account.run(["customers", "show", email])
        #expect(show.output.contains("refund -27.00 USD on tc-main, order \(order.orderID)"), "\(show.output)")
        #expect(show.output.contains("admin refund through the provider by cli: refunded item bump-12 of ThriveCart order "
                                     + "\(order.orderID) in full (asked within 14 days) (by cli)"), "\(show.output)")
    }

    @Test("refund refuses what the provider cannot do (exit 5), an order of someone else (exit 3) and a provider failure (exit 6)")
    func refundRefusals() throws {
        let account = try MockThriveCartAccount()
        defer { account.stop() }
        let order = try account.purchase(2)
        let email = order.customer.email
        let calls = account.api.requests.count

        let partial = try account.run(["customers", "refund", email, "--instance", "tc-main", "--order", order.orderID,
                                       "--item", "product-12", "--amount", "500"])
        #expect(partial.status == 5)
        #expect(partial.errors.contains("ThriveCart's API refunds whole items only"), "\(partial.errors)")
        let notHers = try account.run(["customers", "refund", email, "--instance", "tc-main", "--order", "999", "--item", "product-12"])
        #expect(notHers.status == 3)
        #expect(notHers.errors.contains("has no order 999 on tc-main"), "\(notHers.errors)")
        #expect(account.api.requests.count == calls, "nothing refused here reached the provider")

        let unknownItem = try account.run(["customers", "refund", email, "--instance", "tc-main", "--order", order.orderID,
                                           "--item", "upsell-9"])
        #expect(unknownItem.status == 6)
        #expect(unknownItem.errors.hasPrefix("provider: "), "\(unknownItem.errors)")
        #expect(unknownItem.errors.contains("has no item with reference upsell-9"), "\(unknownItem.errors)")
    }

    @Test("cancel stops the subscription at the provider and keeps access (on_admin_cancel keep); an unknown subscription exits 3")
    func cancel() async throws {
        let account = try MockThriveCartAccount()
        defer { account.stop() }
        let order = try account.subscribe(3)

        let cancel = try account.subscription("cancel", order, "sub_3")
        #expect(cancel.status == 0, "\(cancel.errors)")
        #expect(cancel.output == "cancelled ThriveCart subscription sub_3\n  no access changed\n", "\(cancel.output)")
        let call = try #require(account.api.requests.last)
        #expect(call.path == "/cancelSubscription")
        #expect(call.form == ["order_id": order.orderID, "subscription_id": "sub_3"])
        #expect(account.api.transactions.filter { $0.kind == .cancel }.count == 1)

        let store = try SQLiteStore(path: account.db)
        for course in ["web-basics", "coaching-vault"] {
            #expect(try await store.accessStatus(email: order.customer.email, course: course).status.name == "active", "\(course)")
        }
        let show = try account.run(["customers", "show", order.customer.email])
        #expect(show.output.contains("sub_3 on tc-main: cancelled"), "\(show.output)")

        let unknown = try account.subscription("cancel", order, "sub_99")
        #expect(unknown.status == 3)
        #expect(unknown.errors.contains("has no subscription sub_99 on tc-main"), "\(unknown.errors)")
    }

    @Test("pause suspends the subscription's courses (on_pause suspend) and resume gives them back")
    func pauseAndResume() async throws {
        let account = try MockThriveCartAccount()
        defer { account.stop() }
        let order = try account.subscribe(4)
        let store = try SQLiteStore(path: account.db)

        let pause = try account.subscription("pause", order, "sub_4")
        #expect(pause.status == 0, "\(pause.errors)")
        #expect(pause.output.hasPrefix("paused ThriveCart subscription sub_4\n"), "\(pause.output)")
        #expect(pause.output.contains("coaching-vault: active → revoked"), "\(pause.output)")
        #expect(pause.output.contains("web-basics: active → revoked"), "\(pause.output)")
        #expect(account.api.requests.last?.path == "/pauseSubscription")
        #expect(try await store.accessStatus(email: order.customer.email, course: "web-basics").status.name == "revoked")

        let resume = try account.subscription("resume", order, "sub_4")
        #expect(resume.status == 0, "\(resume.errors)")
        #expect(resume.output.hasPrefix("resumed ThriveCart subscription sub_4\n"), "\(resume.output)")
        #expect(resume.output.contains("web-basics: revoked → active"), "\(resume.output)")
        #expect(account.api.requests.last?.path == "/resumeSubscription")
        #expect(try await store.accessStatus(email: order.customer.email, course: "web-basics").status.name == "active")
    }
}
