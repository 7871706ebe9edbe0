import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout

/// The adapter and deliveries the native-checkout tests share, built from Mocks' scenario.
enum NativeCheckoutTesting {
    typealias S = NativeCheckoutScenario

    static let instance = AdapterInstance(id: S.instanceID, secrets: ["webhook_secret": S.webhookSecret])

    static func adapter(acceptsTestEvents: Bool = true) throws -> NativeCheckoutAdapter {
        var instance = instance
        instance.acceptsTestEvents = acceptsTestEvents
        return try NativeCheckoutAdapter(instance: instance)
    }

    /// The recorded delivery `name` of the scenario.
    static func delivery(_ name: String) throws -> StripeJSON {
        guard let event = S.deliveries.first(where: { $0.name == name })?.event else {
            throw Unexpected(description: "no recorded delivery \(name)")
        }
        return event
    }

    /// What the adapter makes of `event`, signed with the endpoint secret as it arrives.
    static func verdict(_ event: StripeJSON, acceptsTestEvents: Bool = true) throws -> Verdict {
        try adapter(acceptsTestEvents: acceptsTestEvents).verify(NativeCheckoutRequest.make(event))
    }

    /// The one fact of a delivery that must give one.
    static func fact(_ event: StripeJSON) throws -> Fact {
        guard case .facts(let facts) = try verdict(event), facts.count == 1, let fact = facts.first else {
            throw Unexpected(description: "expected one fact from \(event["type"] ?? "?")")
        }
        return fact
    }

    /// The reason an event is ignored, or `nil` when it is not.
    static func ignoredReason(_ event: StripeJSON, acceptsTestEvents: Bool = true) throws -> String? {
        guard case .ignored(let reason) = try verdict(event, acceptsTestEvents: acceptsTestEvents) else { return nil }
        return reason
    }

    /// The error a request is refused with, or `nil` when it is not refused.
    static func refusal(_ request: InboundRequest, adapter: NativeCheckoutAdapter? = nil) throws -> AdapterError? {
        let adapter = try adapter ?? self.adapter()
        do throws(AdapterError) {
            _ = try adapter.verify(request)
            return nil
        } catch {
            return error
        }
    }

    /// The error an event is refused with, signed properly.
    static func refusal(_ event: StripeJSON) throws -> AdapterError? {
        try refusal(NativeCheckoutRequest.make(event))
    }

    struct Unexpected: Error, CustomStringConvertible {
        var description: String
    }
}

extension Date {
    /// A date from unix seconds, as Stripe writes times.
    init(unix seconds: Int) { self.init(timeIntervalSince1970: TimeInterval(seconds)) }
}
