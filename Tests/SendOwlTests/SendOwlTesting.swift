import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl

/// The adapter and deliveries the SendOwl tests share, built from Mocks' scenario.
enum SendOwlTesting {
    static let instance = AdapterInstance(id: SendOwlScenario.instanceID,
                                          secrets: ["signing_key": SendOwlScenario.signingKey])

    static func adapter(acceptsTestEvents: Bool = true, packageIDs: Set<String> = []) throws -> SendOwlAdapter {
        var instance = instance
        instance.acceptsTestEvents = acceptsTestEvents
        return try SendOwlAdapter(instance: instance, packageIDs: packageIDs)
    }

    /// What the adapter makes of `order` as a signed delivery.
    static func verdict(_ order: SendOwlOrder, event: String? = nil, acceptsTestEvents: Bool = true,
                        packageIDs: Set<String> = []) throws -> Verdict {
        try verdict(SendOwlPayload.body(order), event: event, acceptsTestEvents: acceptsTestEvents, packageIDs: packageIDs)
    }

    /// What the adapter makes of a payload as a signed delivery.
    static func verdict(_ payload: SendOwlJSON, event: String? = nil, acceptsTestEvents: Bool = true,
                        packageIDs: Set<String> = []) throws -> Verdict {
        try adapter(acceptsTestEvents: acceptsTestEvents, packageIDs: packageIDs)
            .verify(SendOwlRequest.make(payload, event: event))
    }

    /// The facts of a delivery that must give facts.
    static func facts(_ order: SendOwlOrder, event: String? = nil, packageIDs: Set<String> = []) throws -> [Fact] {
        try facts(SendOwlPayload.body(order), event: event, packageIDs: packageIDs)
    }

    static func facts(_ payload: SendOwlJSON, event: String? = nil, packageIDs: Set<String> = []) throws -> [Fact] {
        guard case .facts(let facts) = try verdict(payload, event: event, packageIDs: packageIDs) else {
            throw Unexpected(description: "expected facts")
        }
        return facts
    }

    /// The one fact of a delivery.
    static func fact(_ order: SendOwlOrder, event: String? = nil, packageIDs: Set<String> = []) throws -> Fact {
        let facts = try facts(order, event: event, packageIDs: packageIDs)
        guard facts.count == 1, let fact = facts.first else {
            throw Unexpected(description: "expected one fact, got \(facts.count)")
        }
        return fact
    }

    /// The error a request is refused with, or `nil` when it is not refused.
    static func refusal(_ request: InboundRequest) throws -> AdapterError? {
        let adapter = try adapter()
        do throws(AdapterError) {
            _ = try adapter.verify(request)
            return nil
        } catch {
            return error
        }
    }

    /// The error a signed payload is refused with.
    static func refusal(_ payload: SendOwlJSON) throws -> AdapterError? {
        try refusal(SendOwlRequest.make(payload))
    }

    struct Unexpected: Error, CustomStringConvertible {
        var description: String
    }
}

extension Date {
    /// A date from unix seconds.
    init(unix seconds: Int) { self.init(timeIntervalSince1970: TimeInterval(seconds)) }
}

extension SendOwlJSON {
    /// The payload with one field of its `order` changed (`nil` removes it).
    func withOrderField(_ name: String, _ value: SendOwlJSON?) -> SendOwlJSON {
        var payload = self
        var order = payload["order"]
        order?[name] = value
        payload["order"] = order
        return payload
    }
}
