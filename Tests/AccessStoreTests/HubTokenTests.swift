import AccessKernel
import AccessStore
import Foundation
import Testing

/// The hub's links and sessions: stored only as hashes, used once, refused after expiry.
@Suite struct HubTokenTests {
    static let secret = "hub-secret-Zq8Vn3Lr5Tx2Wk7Pm4Bc9Hd6Jf1Gs0Ay"
    static let hash = "9f2b6c1d8e7a5f4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"
    static let now = Facts.day(10)

    /// A store with Ann (a purchase) and one sign-in link of hers, issued at `now`.
    func storeWithLink(url: String = "https://school.example.com/hub/login?token=\(secret)") async throws -> (StoreFixture, Int64) {
        let fixture = try await StoreFixture()
        let outcome = try await fixture.record(Facts.purchase("1001"), at: Self.now)
        let ann = try #require(outcome.events.first?.customerID)
        try await fixture.store.issueHubLink(
            HubLink(hash: Self.hash, kind: .signIn, customerID: ann, expiresAt: Self.now.addingTimeInterval(24 * 3600)),
            mail: HubLinkMail(topic: "mail.hub_link", to: "ann@example.com", name: "Ann", url: url), now: Self.now)
        return (fixture, ann)
    }

    /// Every byte of the database, its write-ahead log included.
    func databaseBytes(_ fixture: StoreFixture) throws -> Data {
        var bytes = Data()
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: fixture.path + suffix) { bytes.append(data) }
        }
        return bytes
    }

    @Test func aLinkIsUsableOnceAndASecondUseIsRefused() async throws {
        let (fixture, ann) = try await storeWithLink()
        let first = try await fixture.store.consumeHubLink(hash: Self.hash, kind: .signIn, now: Self.now.addingTimeInterval(60))
        #expect(first?.customerID == ann)
        let second = try await fixture.store.consumeHubLink(hash: Self.hash, kind: .signIn, now: Self.now.addingTimeInterval(120))
        #expect(second == nil)
    }

    @Test func aLinkIsRefusedAfterTwentyFourHours() async throws {
        let (fixture, _) = try await storeWithLink()
        let late = try await fixture.store.consumeHubLink(hash: Self.hash, kind: .signIn, now: Self.now.addingTimeInterval(24 * 3600 + 1))
        #expect(late == nil)
        let stillUnused = try await fixture.store.consumeHubLink(hash: Self.hash, kind: .signIn, now: Self.now.addingTimeInterval(23 * 3600))
        #expect(stillUnused != nil, "the expired attempt did not use it up: within the day it works")
    }

    @Test func aLinkOfOneKindDoesNotServeAnother() async throws {
        let (fixture, _) = try await storeWithLink()
        #expect(try await fixture.store.consumeHubLink(hash: Self.hash, kind: .emailChange, now: Self.now) == nil)
        #expect(try await fixture.store.consumeHubLink(hash: "unknown", kind: .signIn, now: Self.now) == nil)
    }

    @Test func twoSimultaneousUsesLetExactlyOneThrough() async throws {
        let (fixture, _) = try await storeWithLink()
        let store = fixture.store
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? await store.consumeHubLink(hash: Self.hash, kind: .signIn, now: Self.now)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
    }

    @Test func theDatabaseKeepsNoPlainTokenOnceTheMailIsDelivered() async throws {
        let (fixture, _) = try await storeWithLink()
        let mail = try #require(try await fixture.store.deliveries(status: .pending, limit: 10).first { $0.topic == "mail.hub_link" })
        #expect(mail.payload.customerEmail == "ann@example.com")
        #expect(mail.payload.link?.contains(Self.secret) == true, "the pending mail carries its link")
        #expect(try databaseBytes(fixture).range(of: Data(Self.hash.utf8)) != nil, "the hash is what the link table keeps")

        try await fixture.store.finishAttempt(mail.id, result: .delivered, now: Self.now.addingTimeInterval(5))
        let delivered = try #require(try await fixture.store.delivery(id: mail.id))
        #expect(delivered.payload.link == nil)
        let rows = try await fixture.store.deliveries(status: nil, limit: 100)
        #expect(!rows.contains { $0.payload.link?.contains(Self.secret) == true }, "no outbox row holds the secret any more")
    }

    @Test func aSessionIsFoundByItsHashUntilItExpiresOrEnds() async throws {
        let (fixture, ann) = try await storeWithLink()
        let store = fixture.store
        try await store.startHubSession(hash: "session-hash", customerID: ann, expiresAt: Self.now.addingTimeInterval(3600), now: Self.now)
        #expect(try await store.hubSession(hash: "session-hash", now: Self.now) == ann)
        #expect(try await store.hubSession(hash: "session-hash", now: Self.now.addingTimeInterval(3601)) == nil)
        try await store.endHubSession(hash: "session-hash")
        #expect(try await store.hubSession(hash: "session-hash", now: Self.now) == nil)
    }

    @Test func linksIssuedAreCountedPerCustomerForTheRateLimit() async throws {
        let (fixture, ann) = try await storeWithLink()
        #expect(try await fixture.store.hubLinksIssued(customerID: ann, kind: .signIn, since: Self.now.addingTimeInterval(-3600)) == 1)
        #expect(try await fixture.store.hubLinksIssued(customerID: ann, kind: .signIn, since: Self.now.addingTimeInterval(1)) == 0)
        #expect(try await fixture.store.hubLinksIssued(customerID: ann, kind: .emailChange, since: .distantPast) == 0)
    }

    @Test func expiredLinksAndSessionsArePrunedAndLiveOnesKept() async throws {
        let (fixture, ann) = try await storeWithLink()
        let store = fixture.store
        try await store.startHubSession(hash: "live", customerID: ann, expiresAt: Self.now.addingTimeInterval(30 * 86_400), now: Self.now)
        try await store.startHubSession(hash: "old", customerID: ann, expiresAt: Self.now.addingTimeInterval(3600), now: Self.now)
        #expect(try await store.pruneHub(now: Self.now.addingTimeInterval(60)) == 0, "nothing has expired yet")
        // A day after it expired the short session goes, and the link (24 h, then kept a day for
        // the per-email rate limit) goes the day after; the long session stays.
        #expect(try await store.pruneHub(now: Self.now.addingTimeInterval(86_400)) == 1)
        #expect(try await store.pruneHub(now: Self.now.addingTimeInterval(3 * 86_400)) == 1)
        #expect(try await store.hubSession(hash: "live", now: Self.now.addingTimeInterval(3 * 86_400)) == ann)
        #expect(try await store.consumeHubLink(hash: Self.hash, kind: .signIn, now: Self.now) == nil, "the pruned link is gone")
    }
}
