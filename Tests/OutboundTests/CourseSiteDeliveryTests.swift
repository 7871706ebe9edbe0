import Foundation
import Mocks
import Outbound
import Testing

/// Signed sink events sent through real libcurl to the mock course site on loopback.
@Suite("Delivering sink events to the mock course site")
struct CourseSiteDeliveryTests {
    /// A signed request for `event` to `site`, as the outbox will build it, timestamped now.
    static func request(_ event: SinkEvent, id: String, to site: MockCourseSite,
                        secrets: [String] = [SinkEventSamples.secret]) throws -> OutboundRequest {
        try WebhookSigner(secrets: secrets).request(to: site.url, id: id, timestamp: Int64(Date().timeIntervalSince1970),
                                                    body: event.body())
    }

    @Test("a signed event is accepted with 200 and stored once, body intact")
    func signedEventIsStored() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        let response = try await CurlClient().send(Self.request(SinkEventSamples.accessGranted, id: "evt_100", to: site))
        #expect(response.status == 200)
        #expect(DeliveryOutcome(response: response) == .delivered)
        let stored = try #require(site.events.first)
        #expect(site.events.count == 1)
        #expect(stored.id == "evt_100")
        #expect(stored.type == "access.granted")
        #expect(stored.body == (try SinkEventSamples.accessGranted.body()))
    }

    @Test("a redelivery with the same webhook-id is acknowledged but stored once")
    func redeliveryIsStoredOnce() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        let client = CurlClient()
        let first = try await client.send(Self.request(SinkEventSamples.accessGranted, id: "evt_200", to: site))
        let again = try await client.send(Self.request(SinkEventSamples.accessGranted, id: "evt_200", to: site))
        let other = try await client.send(Self.request(SinkEventSamples.customerCreated, id: "evt_201", to: site))
        #expect([first.status, again.status, other.status] == [Int]([200, 200, 200]))
        #expect(site.events.map(\.id) == ["evt_200", "evt_201"])
        #expect(site.redeliveryCount == 1)
    }

    @Test("a signature made with a secret the site does not hold is answered 401 and not stored")
    func wrongSecretIsUnauthorized() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        let request = try Self.request(SinkEventSamples.accessGranted, id: "evt_300", to: site, secrets: [SinkEventSamples.nextSecret])
        let response = try await CurlClient().send(request)
        #expect(response.status == 401)
        #expect(site.events.isEmpty)
        #expect(site.rejectedCount == 1)
    }

    @Test("an unsigned request is answered 401 and not stored")
    func unsignedIsUnauthorized() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        let body = try SinkEventSamples.accessGranted.body()
        let response = try await CurlClient().send(OutboundRequest(method: .post, url: site.url, body: body))
        #expect(response.status == 401)
        #expect(site.events.isEmpty)
    }

    @Test("during rotation the site holding only the new secret accepts a delivery signed with both")
    func rotationIsAccepted() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.nextSecret])
        defer { site.stop() }
        let request = try Self.request(SinkEventSamples.accessGranted, id: "evt_400", to: site,
                                       secrets: [SinkEventSamples.secret, SinkEventSamples.nextSecret])
        #expect(try await CurlClient().send(request).status == 200)
        #expect(site.events.map(\.id) == ["evt_400"])
    }

    @Test("a site failing three times with 500 stores the event on the fourth attempt, once")
    func failuresThenSuccess() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        site.failNext(3)
        let client = CurlClient()
        var statuses: [Int] = []
        for _ in 1...4 {
            statuses.append(try await client.send(Self.request(SinkEventSamples.accessGranted, id: "evt_500", to: site)).status)
        }
        #expect(statuses == [Int]([500, 500, 500, 200]))
        #expect(site.events.map(\.id) == ["evt_500"])
        let error = await #expect(throws: OutboundError.self) {
            site.failNext(1)
            return try await client.sendExpectingSuccess(Self.request(SinkEventSamples.accessGranted, id: "evt_501", to: site))
        }
        #expect(error?.kind == .httpStatus)
        #expect(error?.status == 500)
        #expect(error.map { DeliveryOutcome(error: $0) } == .retry(retryAfter: nil))
    }

    @Test("429 and 503 with Retry-After (seconds or HTTP-date) reach the client, which reads the wait from it",
          arguments: [429, 503], ["120", "http-date"])
    func throttledWithRetryAfter(status: Int, form: String) async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        let now = Date()
        let later = now.addingTimeInterval(120)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        site.throttleNext(1, status: status, retryAfter: form == "120" ? "120" : formatter.string(from: later))
        let response = try await CurlClient().send(Self.request(SinkEventSamples.accessGranted, id: "evt_600", to: site))
        #expect(response.status == status)
        guard case .retry(let wait?) = DeliveryOutcome(response: response, now: now) else {
            Issue.record("expected a retry with a wait, got \(DeliveryOutcome(response: response, now: now))")
            return
        }
        #expect(wait >= .seconds(119) && wait <= .seconds(121))
        #expect(site.events.isEmpty)
    }

    @Test("a site that is gone answers 410, which disables the endpoint")
    func goneDisablesEndpoint() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        site.goAway()
        let response = try await CurlClient().send(Self.request(SinkEventSamples.accessGranted, id: "evt_700", to: site))
        #expect(response.status == 410)
        #expect(DeliveryOutcome(response: response) == .disableEndpoint)
        #expect(site.events.isEmpty)
    }

    @Test("a dropped connection is a transport error, retried; the next attempt is stored")
    func droppedConnectionIsTransport() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        site.dropNext(1)
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.send(Self.request(SinkEventSamples.accessGranted, id: "evt_800", to: site))
        }
        #expect(error?.kind == .transport, "\(String(describing: error))")
        #expect(error.map { DeliveryOutcome(error: $0) } == .retry(retryAfter: nil))
        #expect(site.events.isEmpty)
        #expect(try await client.send(Self.request(SinkEventSamples.accessGranted, id: "evt_800", to: site)).status == 200)
        #expect(site.events.map(\.id) == ["evt_800"])
    }

    @Test("a site slower than the client's timeout is a timeout error, retried")
    func slowSiteTimesOut() async throws {
        let site = try MockCourseSite(secrets: [SinkEventSamples.secret])
        defer { site.stop() }
        site.answerSlowly(after: .seconds(10))
        let client = CurlClient(configuration: .init(timeout: .milliseconds(300)))
        let error = await #expect(throws: OutboundError.self) {
            try await client.send(Self.request(SinkEventSamples.accessGranted, id: "evt_900", to: site))
        }
        #expect(error?.kind == .timeout, "\(String(describing: error))")
        #expect(error.map { DeliveryOutcome(error: $0) } == .retry(retryAfter: nil))
    }
}
