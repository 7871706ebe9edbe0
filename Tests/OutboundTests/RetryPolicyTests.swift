import Foundation
import Outbound
import Testing

@Suite("Retry policy and delivery outcomes")
struct RetryPolicyTests {
    static let hour = 3600

    @Test("with no jitter the waits are 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then dead")
    func scheduleWithoutJitter() {
        let policy = RetryPolicy(random: .fixed(0.5))
        let waits = (1...9).map { policy.delay(afterAttempt: $0) }
        #expect(waits == [5, 300, 1800, 2 * Self.hour, 5 * Self.hour, 10 * Self.hour, 14 * Self.hour,
                          20 * Self.hour, 24 * Self.hour].map { Duration.seconds($0) })
        #expect(policy.delay(afterAttempt: 10) == nil)
    }

    @Test("jitter moves each wait by at most 10 % either way", arguments: [0.0, 0.25, 0.75, 0.999_999])
    func jitterBounds(unit: Double) {
        let policy = RetryPolicy(random: .fixed(unit))
        for (index, base) in RetryPolicy.standardSchedule.enumerated() {
            let wait = policy.delay(afterAttempt: index + 1)
            #expect(wait.map { $0 * 10 >= base * 9 && $0 * 10 <= base * 11 } == true, "attempt \(index + 1): \(String(describing: wait))")
        }
        #expect(RetryPolicy(random: .fixed(0)).delay(afterAttempt: 1) == .milliseconds(4500))
    }

    @Test("the delivery is dead after maxAttempts, and attempts past the schedule wait as long as its last entry")
    func deadAfterMaxAttempts() {
        let policy = RetryPolicy(maxAttempts: 3, random: .fixed(0.5))
        #expect(policy.delay(afterAttempt: 2) == .seconds(300))
        #expect(policy.delay(afterAttempt: 3) == nil)
        let long = RetryPolicy(maxAttempts: 15, schedule: [.seconds(1), .seconds(2)], random: .fixed(0.5))
        #expect(long.delay(afterAttempt: 14) == .seconds(2))
        #expect(long.delay(afterAttempt: 15) == nil)
    }

    @Test("Retry-After is honoured when longer than the schedule, capped at 24 h, and never shortens a wait")
    func retryAfterIsHonoured() {
        let policy = RetryPolicy(random: .fixed(0.5))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(120)) == .seconds(120))
        #expect(policy.delay(afterAttempt: 3, retryAfter: .seconds(120)) == .seconds(1800))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(72 * Self.hour)) == .seconds(24 * Self.hour))
        #expect(policy.delay(afterAttempt: 10, retryAfter: .seconds(1)) == nil)
    }

    @Test("Retry-After is read as seconds or as an HTTP-date; a past date is no wait; nonsense is nil")
    func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 1_795_255_200) // Sat, 21 Nov 2026 10:00:00 GMT
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("Sat, 21 Nov 2026 10:02:00 GMT", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Saturday, 21-Nov-26 10:01:00 GMT", now: now) == .seconds(60))
        #expect(RetryAfter.parse("Sat Nov 21 10:00:30 2026", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Fri, 20 Nov 2026 10:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
    }

    @Test("2xx is delivered, 410 disables the endpoint, 429 and 503 retry with their Retry-After, other statuses retry")
    func statusClassification() {
        let now = Date(timeIntervalSince1970: 1_795_255_200)
        let retryAfter = [HTTPHeader(name: "Retry-After", value: "90")]
        #expect(DeliveryOutcome(response: OutboundResponse(status: 200), now: now) == .delivered)
        #expect(DeliveryOutcome(response: OutboundResponse(status: 204), now: now) == .delivered)
        #expect(DeliveryOutcome(response: OutboundResponse(status: 410), now: now) == .disableEndpoint)
        #expect(DeliveryOutcome(response: OutboundResponse(status: 429, headers: retryAfter), now: now) == .retry(retryAfter: .seconds(90)))
        #expect(DeliveryOutcome(response: OutboundResponse(status: 503, headers: retryAfter), now: now) == .retry(retryAfter: .seconds(90)))
        #expect(DeliveryOutcome(response: OutboundResponse(status: 429), now: now) == .retry(retryAfter: nil))
        for status in [301, 400, 401, 404, 500, 502] {
            #expect(DeliveryOutcome(response: OutboundResponse(status: status, headers: retryAfter), now: now) == .retry(retryAfter: nil))
        }
    }

    @Test("transport, timeout and TLS failures retry; an invalid request gives up; a thrown status is judged by its response")
    func errorClassification() {
        for kind: OutboundError.Kind in [.transport, .timeout, .tls, .responseTooLarge] {
            #expect(DeliveryOutcome(error: OutboundError(kind: kind, message: "x")) == .retry(retryAfter: nil))
        }
        let gone = OutboundError(kind: .httpStatus, message: "gone", response: OutboundResponse(status: 410))
        #expect(DeliveryOutcome(error: gone) == .disableEndpoint)
        // A sink URL that cannot be sent to is dead at once: ten attempts would fail the same way.
        #expect(DeliveryOutcome(error: OutboundError(kind: .invalidRequest, message: "bad URL")) == .giveUp)
    }
}
