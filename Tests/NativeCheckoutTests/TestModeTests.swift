import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct TestMode {
    @Test func livemodeFalseGivesTestFacts() throws {
        let fact = try NativeCheckoutTesting.fact(try NativeCheckoutTesting.delivery("checkout.session.completed.test-mode"))
        #expect(fact.mode == .test)
        #expect(fact.key == "checkout:checkout.session.completed:evt_1PtTest2eZvKYlo2CcsTest")
    }

    @Test func testEventsAreIgnoredByAnInstanceThatDoesNotAcceptThem() throws {
        let reason = try NativeCheckoutTesting.ignoredReason(
            try NativeCheckoutTesting.delivery("checkout.session.completed.test-mode"), acceptsTestEvents: false)
        #expect(reason == "test-mode checkout.session.completed ignored: instance checkout does not accept test events")
    }

    @Test func liveEventsAreUnaffectedByRefusingTestEvents() throws {
        let event = try NativeCheckoutTesting.delivery("checkout.session.completed")
        #expect(try NativeCheckoutTesting.verdict(event, acceptsTestEvents: false) == NativeCheckoutTesting.verdict(event))
    }

    @Test func testEventWithAWrongSignatureIsUnauthenticatedNotIgnored() throws {
        let event = try NativeCheckoutTesting.delivery("checkout.session.completed.test-mode")
        let adapter = try NativeCheckoutTesting.adapter(acceptsTestEvents: false)
        let request = NativeCheckoutRequest.make(event, secret: "whsec_wrong")
        #expect(try NativeCheckoutTesting.refusal(request, adapter: adapter)?.kind == .unauthenticated)
    }

    @Test func missingLivemodeIsMalformedRatherThanGuessed() throws {
        var event = try NativeCheckoutTesting.delivery("checkout.session.completed.test-mode")
        event["livemode"] = nil
        #expect(try NativeCheckoutTesting.refusal(event)?.message.hasPrefix("livemode is missing") == true)
    }
}
