import AccessKernel
import AdapterKit
import Foundation
import Mocks
import ThriveCart

/// The adapter and deliveries the ThriveCart tests share, built from Mocks' scenario.
enum ThriveCartTesting {
    static let instance = AdapterInstance(id: ThriveCartScenario.instanceID,
                                          secrets: ["secret": ThriveCartScenario.secretWord])

    static func adapter(acceptsTestEvents: Bool = true) throws -> ThriveCartAdapter {
        var instance = instance
        instance.acceptsTestEvents = acceptsTestEvents
        return try ThriveCartAdapter(instance: instance)
    }

    /// What the adapter makes of `payload` sent in `encoding`.
    static func verdict(_ payload: PayloadValue, _ encoding: BodyEncoding = .form,
                        acceptsTestEvents: Bool = true) throws -> Verdict {
        try adapter(acceptsTestEvents: acceptsTestEvents).verify(ThriveCartRequest.make(payload, encoding: encoding))
    }

    /// The facts of a delivery that must give facts.
    static func facts(_ payload: PayloadValue, _ encoding: BodyEncoding = .form) throws -> [Fact] {
        guard case .facts(let facts) = try verdict(payload, encoding) else {
            throw Unexpected(description: "expected facts from \(payload["event"] ?? "?")")
        }
        return facts
    }

    /// The one fact of a delivery.
    static func fact(_ payload: PayloadValue, _ encoding: BodyEncoding = .form) throws -> Fact {
        let facts = try facts(payload, encoding)
        guard facts.count == 1, let fact = facts.first else {
            throw Unexpected(description: "expected one fact, got \(facts.count)")
        }
        return fact
    }

    /// The error a request is refused with, or `nil` when it is not refused.
    static func refusal(_ request: InboundRequest, acceptsTestEvents: Bool = true) throws -> AdapterError? {
        let adapter = try adapter(acceptsTestEvents: acceptsTestEvents)
        do throws(AdapterError) {
            _ = try adapter.verify(request)
            return nil
        } catch {
            return error
        }
    }

    /// A request with a raw body, as tests of hostile input need.
    static func request(body: [UInt8], contentType: String = BodyEncoding.form.contentType) -> InboundRequest {
        InboundRequest(headers: [("Content-Type", contentType)], body: body, receivedAt: Date(timeIntervalSince1970: 1_720_000_000))
    }

    struct Unexpected: Error, CustomStringConvertible {
        var description: String
    }
}

extension Date {
    /// A date from unix seconds, as ThriveCart writes times.
    init(unix seconds: Int) { self.init(timeIntervalSince1970: TimeInterval(seconds)) }
}
