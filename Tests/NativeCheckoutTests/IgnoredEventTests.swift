import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct IgnoredEvents {
    @Test(arguments: ["customer.created", "unknown-event"])
    func eventTypesThatDoNotAffectAccessAreIgnored(name: String) throws {
        let reason = try #require(try NativeCheckoutTesting.ignoredReason(try NativeCheckoutTesting.delivery(name)))
        #expect(reason.hasPrefix("Stripe event ") && reason.hasSuffix(" does not affect access"))
    }

    @Test(arguments: ["checkout.session.expired", "checkout.session.async_payment_failed", "payment_intent.succeeded",
                      "invoice.created", "charge.succeeded", "charge.dispute.updated"])
    func realStripeEventsOutsideTheListAreIgnored(type: String) throws {
        var event = try NativeCheckoutTesting.delivery("checkout.session.completed")
        event["type"] = .string(type)
        #expect(try NativeCheckoutTesting.ignoredReason(event) == "Stripe event \(type) does not affect access")
    }

    @Test func ignoredEventsStillNeedAValidSignature() throws {
        let event = try NativeCheckoutTesting.delivery("customer.created")
        #expect(try NativeCheckoutTesting.refusal(NativeCheckoutRequest.make(event, secret: "whsec_wrong"))?.kind == .unauthenticated)
    }
}
