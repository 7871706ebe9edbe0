import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

/// The hub's sign-in: the same answer for every email, a mailed single-use link, a
/// `SameSite=Lax` session cookie scoped to `/hub`, CSRF on the forms, the per-email limit.
@Suite struct HubPagesSignInTests {
    static let mappingText = GatewayHarness.mappingText + """

        hub:
          url: https://school.example.com/hub
          allow_cancel: true
          contact: help@school.example.com
        """

    /// The gateway with Ann, who has Web Basics and CSS Mastery.
    static func gateway(configuration: GatewayConfiguration = GatewayConfiguration(port: 0)) async throws -> GatewayHarness {
        let harness = try await GatewayHarness.make(mappingText: mappingText, configuration: configuration)
        _ = try await desk(harness).addCustomer(name: "Ann Lee", email: "ann@example.com",
                                                selection: AccessSelection(courses: ["web-basics", "css-mastery"]), expiresAt: nil, by: "test")
        return harness
    }

    /// A support desk recording straight into the store: the router test runs no committer.
    static func desk(_ harness: GatewayHarness) -> SupportDesk {
        let version = harness.gateway.live.current.version
        return SupportDesk(store: harness.store, mapping: version, recorder: StoreRecorder(store: harness.store, mapping: version))
    }

    /// Asks for Ann's sign-in link, opens it, and returns the session's `Cookie` header value.
    static func signIn(_ client: some TestClientProtocol, store: SQLiteStore, email: String = "ann@example.com") async throws -> String {
        _ = try await requestLink(client, email: email)
        let link = try #require(try await hubMails(store).last?.payload.link)
        let login = try await client.execute(uri: path(of: link), method: .get)
        #expect(login.status == .seeOther)
        let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("coursegate_hub=") })
        return String(cookie.split(separator: ";")[0])
    }

    /// The path and query of a link the hub mailed.
    static func path(of link: String) -> String {
        String(link.dropFirst("https://school.example.com".count))
    }

    /// The form token and its cookie from `GET /hub`.
    static func formToken(_ client: some TestClientProtocol) async throws -> (token: String, cookie: String) {
        let page = try await client.execute(uri: "/hub", method: .get)
        let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("coursegate_hub_form=") })
        let pair = String(cookie.split(separator: ";")[0])
        return (String(pair.dropFirst("coursegate_hub_form=".count)), pair)
    }

    static func requestLink(_ client: some TestClientProtocol, email: String) async throws -> TestResponse {
        let (token, cookie) = try await formToken(client)
        let body = "csrf=\(token)&email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email)"
        return try await client.execute(uri: "/hub/link", method: .post,
                                        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                        body: ByteBuffer(string: body))
    }

    static func hubMails(_ store: SQLiteStore, topic: String = "mail.hub_link") async throws -> [OutboxDelivery] {
        try await store.deliveries(status: nil, limit: 100).filter { $0.topic == topic }.sorted { $0.id < $1.id }
    }

    /// The answer without the per-response form token.
    static func page(_ response: TestResponse) -> String {
        response.body.text.replacing(/name="csrf" value="[^"]*"/, with: "")
    }

    @Test func knownAndUnknownEmailsGetTheSamePageAndOnlyTheKnownOneAMail() async throws {
        let harness = try await Self.gateway()
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            let known = try await Self.requestLink(client, email: "ANN@example.com")
            let unknown = try await Self.requestLink(client, email: "nobody@example.com")
            #expect(known.status == .ok)
            #expect(unknown.status == known.status)
            #expect(Self.page(known) == Self.page(unknown))
            #expect(Self.page(known).contains("If we know this email, a sign-in link is on its way"))
            let mails = try await Self.hubMails(store)
            #expect(mails.map(\.payload.customerEmail) == ["ann@example.com"])
            #expect(mails.first?.payload.link?.hasPrefix("https://school.example.com/hub/login?token=") == true)
        }
    }

    @Test func theLinkSignsInOnceWithALaxHubCookieAndThenIsRefused() async throws {
        let harness = try await Self.gateway()
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            _ = try await Self.requestLink(client, email: "ann@example.com")
            let link = try #require(try await Self.hubMails(store).first?.payload.link)
            let path = Self.path(of: link)

            let login = try await client.execute(uri: path, method: .get)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/hub/me")
            let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("coursegate_hub=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/hub"))
            let session = String(cookie.split(separator: ";")[0])

            let me = try await client.execute(uri: "/hub/me", method: .get, headers: [.cookie: session])
            #expect(me.status == .ok)
            #expect(me.body.text.contains("Web Basics"))
            #expect(me.body.text.contains("ann@example.com"))

            let again = try await client.execute(uri: path, method: .get)
            #expect(again.status == .gone)
            #expect(again.body.text.contains("This link has expired or was already used"))
            #expect(again.body.text.contains("Send me a sign-in link"), "the form to ask for a new one is on the page")
        }
    }

    @Test func aFormWithoutItsTokenIsRefused() async throws {
        let harness = try await Self.gateway()
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/hub/link", method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "email=ann%40example.com"))
            #expect(response.status == .forbidden)
            #expect(try await Self.hubMails(store).isEmpty)
        }
    }

    @Test func afterThreeLinksInAnHourTheAnswerIsTheSameButNoMailIsSent() async throws {
        let harness = try await Self.gateway()
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            for _ in 0..<4 {
                let response = try await Self.requestLink(client, email: "ann@example.com")
                #expect(response.status == .ok)
                #expect(response.body.text.contains("If we know this email"))
            }
            #expect(try await Self.hubMails(store).count == 3)
        }
    }

    @Test func theMePageWithoutASessionGoesToTheForm() async throws {
        let harness = try await Self.gateway()
        try await harness.gateway.application.test(.router) { client in
            let response = try await client.execute(uri: "/hub/me", method: .get, headers: [.cookie: "coursegate_hub=forged"])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/hub")
        }
    }
}
