import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlIgnoredStates {
    typealias S = SendOwlScenario

    @Test func failedOrderIsIgnored() throws {
        #expect(try SendOwlTesting.verdict(S.failedOrder) == .ignored(reason: "SendOwl order 0000123461 failed: no access was given"))
    }

    @Test func orderAwaitingFraudReviewIsIgnored() throws {
        #expect(try SendOwlTesting.verdict(S.courseOrder.inState("fraud_review"))
                == .ignored(reason: "SendOwl order 0000123456 awaits fraud review: access waits for it to complete"))
    }

    @Test func unknownStateIsIgnoredNamingIt() throws {
        #expect(try SendOwlTesting.verdict(S.courseOrder.inState("partially_shipped"))
                == .ignored(reason: "unknown SendOwl order state partially_shipped"))
    }
}

@Suite struct SendOwlMode {
    typealias S = SendOwlScenario

    @Test(arguments: ["PayPal Sandbox", "Stripe (test)", "Test", "sandbox"])
    func gatewayNamingATestOrSandboxGatewayGivesTestFacts(gateway: String) throws {
        var order = S.courseOrder
        order.gateway = gateway
        #expect(try SendOwlTesting.fact(order).mode == .test)
    }

    @Test(arguments: ["Stripe", "PayPal", "Free", "Testament Payments", ""])
    func everyOtherGatewayIsLive(gateway: String) throws {
        var order = S.courseOrder
        order.gateway = gateway
        #expect(try SendOwlTesting.fact(order).mode == .live)
    }

    @Test func testOrdersAreIgnoredByAnInstanceThatDoesNotAcceptThem() throws {
        let verdict = try SendOwlTesting.verdict(S.testOrder, acceptsTestEvents: false)
        #expect(verdict == .ignored(reason: "test-mode SendOwl order 0000123462 ignored: instance shop does not accept test events"))
        guard case .facts = try SendOwlTesting.verdict(S.courseOrder, acceptsTestEvents: false) else {
            Issue.record("live orders still decode")
            return
        }
    }
}
