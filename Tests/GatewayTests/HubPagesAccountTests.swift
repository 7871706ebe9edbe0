import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The signed-in hub and its limits: links expire after a day, an email change waits for
/// the new address to confirm, a revoked customer reads the creator's message, forms need
/// the session's token, one address cannot ask for links without end, and the database
/// never holds a session's secret.
@Suite struct HubPagesAccountTests {
    /// A clock the test moves on.
    final class Clock: Sendable {
        private let date = Mutex(Date())
        var now: Date { date.withLock { $0 } }
        func advance(by interval: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(interval) } }
    }

    static func configuration(clock: Clock? = nil, perAddress: Int = 10) -> GatewayConfiguration {
        var configuration = GatewayConfiguration(port: 0)
        configuration.hubLimits = HubRateLimits(perEmail: 10, perAddress: perAddress)
        if let clock { configuration.hubClock = { clock.now } }
        return configuration
    }

    @Test func aLinkOpenedAfterTwentyFourHoursIsRefusedWithAPageToAskAgain() async throws {
        let clock = Clock()
        let harness = try await HubPagesSignInTests.gateway(configuration: Self.configuration(clock: clock))
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            _ = try await HubPagesSignInTests.requestLink(client, email: "ann@example.com")
            let link = try #require(try await HubPagesSignInTests.hubMails(store).first?.payload.link)
            clock.advance(by: 24 * 3600 + 1)
            let late = try await client.execute(uri: HubPagesSignInTests.path(of: link), method: .get)
            #expect(late.status == .gone)
            #expect(late.body.text.contains("This link has expired or was already used"))
            #expect(late.body.text.contains("Send me a sign-in link"))
            #expect(!late.headers[values: .setCookie].contains { $0.hasPrefix("coursegate_hub=") }, "no session was started")
        }
    }

    @Test func anEmailChangeWaitsForTheLinkMailedToTheNewAddress() async throws {
        let harness = try await HubPagesSignInTests.gateway(configuration: Self.configuration())
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            let session = try await HubPagesSignInTests.signIn(client, store: store)
            let csrf = try await Self.csrf(client, session: session)
            let changed = try await client.execute(uri: "/hub/me/details", method: .post,
                                                   headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session],
                                                   body: ByteBuffer(string: "csrf=\(csrf)&name=Ann+Lee&email=ann.new%40example.com"))
            #expect(changed.status == .seeOther)
            #expect(changed.headers[.location] == "/hub/me?notice=email-sent")
            #expect(try await store.customer(email: "ann@example.com") != nil, "nothing changes before the new address confirms")
            #expect(try await store.customer(email: "ann.new@example.com") == nil)

            let mails = try await HubPagesSignInTests.hubMails(store, topic: "mail.hub_email_change")
            #expect(mails.map(\.payload.customerEmail) == ["ann.new@example.com"], "the confirmation goes to the new address")
            let link = try #require(mails.first?.payload.link)
            #expect(link.hasPrefix("https://school.example.com/hub/confirm-email?token="))

            let confirmed = try await client.execute(uri: HubPagesSignInTests.path(of: link), method: .get)
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location] == "/hub/me?notice=email-changed")
            let customer = try #require(try await store.customer(email: "ann.new@example.com"))
            #expect(customer.email == "ann.new@example.com")
            #expect(try await store.customer(email: "ann@example.com")?.id == customer.id, "the old email stays an alias")

            let again = try await client.execute(uri: HubPagesSignInTests.path(of: link), method: .get)
            #expect(again.status == .gone, "the confirmation link is single-use too")
        }
    }

    @Test func aRevokedCustomerSeesTheCreatorsMessageAndWhomToWrite() async throws {
        let harness = try await HubPagesSignInTests.gateway(configuration: Self.configuration())
        let store = harness.store
        let ann = try #require(try await store.customer(email: "ann@example.com"))
        _ = try await HubPagesSignInTests.desk(harness).revoke(customerID: ann.id, course: "web-basics",
                                                               message: "Your invoice is open: we paused your access.", by: "test")
        try await harness.gateway.application.test(.router) { client in
            let session = try await HubPagesSignInTests.signIn(client, store: store)
            let page = try await client.execute(uri: "/hub/me", method: .get, headers: [.cookie: session]).body.text
            #expect(page.contains("Your invoice is open: we paused your access."))
            #expect(page.contains(#"id="contact""#) && page.contains("help@school.example.com"))
            #expect(page.contains(#"data-status="active""#), "CSS Mastery is still open")
        }
    }

    @Test func theSignedInFormsRefuseAPostWithoutTheSessionsToken() async throws {
        let harness = try await HubPagesSignInTests.gateway(configuration: Self.configuration())
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            let session = try await HubPagesSignInTests.signIn(client, store: store)
            for (path, body) in [("/hub/me/details", "name=Mallory"), ("/hub/me/details", "csrf=forged&name=Mallory"),
                                 ("/hub/me/subscription", "action=cancel&subscription=1&instance=probe-main")] {
                let response = try await client.execute(uri: path, method: .post,
                                                        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session],
                                                        body: ByteBuffer(string: body))
                #expect(response.status == .forbidden, "\(path) with \(body)")
            }
            #expect(try await store.customer(email: "ann@example.com")?.name == "Ann Lee")
        }
    }

    @Test func oneAddressAskingTooOftenIsToldToWaitAndOthersAreNot() async throws {
        let harness = try await HubPagesSignInTests.gateway(configuration: Self.configuration(perAddress: 2))
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            var answers: [HTTPResponse.Status] = []
            for address in ["203.0.113.5", "203.0.113.5", "203.0.113.5", "203.0.113.9"] {
                answers.append(try await Self.ask(client, from: address))
            }
            #expect(answers == [.ok, .ok, .tooManyRequests, .ok], "the third from one address waits; another address has its own budget")
            #expect(try await HubPagesSignInTests.hubMails(store).count == 3, "the refused request sent nothing")
        }
    }

    @Test func theDatabaseHoldsOnlyTheHashOfASessionsSecret() async throws {
        let harness = try await HubPagesSignInTests.gateway(configuration: Self.configuration())
        let store = harness.store
        let databasePath = harness.databasePath
        try await harness.gateway.application.test(.router) { client in
            let session = try await HubPagesSignInTests.signIn(client, store: store)
            let secret = String(session.dropFirst("coursegate_hub=".count))
            #expect(secret.count >= 32)
            var bytes = Data()
            for suffix in ["", "-wal"] {
                if let data = FileManager.default.contents(atPath: databasePath + suffix) { bytes.append(data) }
            }
            #expect(!bytes.isEmpty)
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the session's secret is not stored")
            #expect(bytes.range(of: Data(RandomToken.hash(secret).utf8)) != nil, "its hash is")
        }
    }

    /// Asks for Ann's link as a request that came through the proxy from `address`.
    static func ask(_ client: some TestClientProtocol, from address: String) async throws -> HTTPResponse.Status {
        let (token, cookie) = try await HubPagesSignInTests.formToken(client)
        return try await client.execute(uri: "/hub/link", method: .post,
                                        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie,
                                                  .init("X-Forwarded-For")!: "198.51.100.7, \(address)"],
                                        body: ByteBuffer(string: "csrf=\(token)&email=ann%40example.com")).status
    }

    /// The CSRF token of the signed-in forms, read from `/hub/me`.
    static func csrf(_ client: some TestClientProtocol, session: String) async throws -> String {
        let page = try await client.execute(uri: "/hub/me", method: .get, headers: [.cookie: session]).body.text
        let match = try #require(page.firstMatch(of: /name="csrf" value="([^"]+)"/))
        return String(match.1)
    }
}
