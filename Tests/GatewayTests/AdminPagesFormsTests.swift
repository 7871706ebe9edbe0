import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

/// The admin pages through the real router: signing in behind a TLS proxy sets a `Secure`
/// cookie, every form refuses a post without the session's token, and the customer list
/// pages through customers and counts each course's active ones.
@Suite struct AdminPagesFormsTests {
    /// Signs in with a fresh admin key through the login form; returns the `Set-Cookie` of the session.
    static func signIn(_ client: some TestClientProtocol, store: SQLiteStore, headers extra: HTTPFields = [:]) async throws -> String {
        let (_, secret) = try await store.createKey(name: "support", scope: .admin, now: Date())
        let form = try await client.execute(uri: "/admin/login", method: .get)
        let loginCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("coursegate_admin_login=") })
        let pair = String(loginCookie.split(separator: ";")[0])
        let token = String(pair.split(separator: "=", maxSplits: 1)[1])
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: pair]
        headers.append(contentsOf: extra)
        let login = try await client.execute(uri: "/admin/login", method: .post, headers: headers,
                                             body: ByteBuffer(string: "csrf=\(token)&key=\(secret)"))
        #expect(login.status == .seeOther, "\(login.body.text)")
        return try #require(login.headers[values: .setCookie].first { $0.hasPrefix("coursegate_admin=") })
    }

    /// The `Cookie` header value of a `Set-Cookie`.
    static func cookie(_ setCookie: String) -> String { String(setCookie.split(separator: ";")[0]) }

    @Test func signingInBehindATLSProxyGivesASecureHttpOnlyStrictCookie() async throws {
        let harness = try await GatewayHarness.make()
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            let setCookie = try await Self.signIn(client, store: store, headers: [.init("X-Forwarded-Proto")!: "https"])
            #expect(setCookie.contains("; Secure"))
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/admin"))
        }
    }

    @Test func everyAdminFormRefusesAPostWithoutTheSessionsToken() async throws {
        let harness = try await GatewayHarness.make()
        let ann = try await HubPagesSignInTests.desk(harness).addCustomer(
            name: "Ann Lee", email: "ann@example.com", selection: AccessSelection(courses: ["web-basics"]), expiresAt: nil, by: "test")
        let posts = harness.gateway.routes.map(RouteCall.init)
            .filter { $0.method == .post && $0.path.hasPrefix("/admin/") && $0.path != "/admin/login" }
        #expect(posts.count >= 10, "\(posts.map(\.path))")
        let store = harness.store
        let desk = HubPagesSignInTests.desk(harness)
        try await harness.gateway.application.test(.router) { client in
            let session = Self.cookie(try await Self.signIn(client, store: store))
            for post in posts {
                let uri = post.path.replacingOccurrences(of: "{id}", with: "\(ann.customerID)")
                for body in ["course=web-basics&email=forged%40example.com&name=Forged", "csrf=forged&course=web-basics&name=Forged"] {
                    let response = try await client.execute(uri: uri, method: .post,
                                                            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session],
                                                            body: ByteBuffer(string: body))
                    #expect(response.status == .forbidden, "\(uri) with \(body)")
                }
            }
            let profile = try await desk.profile(customerID: ann.customerID)
            #expect(profile.name == "Ann Lee")
            #expect(profile.access.map(\.status) == ["active"])
            #expect(try await store.customer(email: "forged@example.com") == nil)
            let stillSignedIn = try await client.execute(uri: "/admin/customers", method: .get, headers: [.cookie: session])
            #expect(stillSignedIn.status == .ok, "a refused logout did not sign out")
        }
    }

    @Test func aPageWithoutAMessageShowsNoneRatherThanNil() async throws {
        let harness = try await GatewayHarness.make()
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            let login = try await client.execute(uri: "/admin/login", method: .get).body.text
            #expect(!login.contains("nil") && !login.contains(#"class="flash"#), "\(login)")
            let session = Self.cookie(try await Self.signIn(client, store: store))
            let operations = try await client.execute(uri: "/admin/operations", method: .get, headers: [.cookie: session]).body.text
            #expect(operations.contains(#"id="last-reload""#))
            #expect(!operations.contains("Last reload refused"), "no reload was refused")
        }
    }

    @Test func theCustomerListPagesThroughCustomersAndCountsActiveOnesPerCourse() async throws {
        let harness = try await GatewayHarness.make()
        let desk = HubPagesSignInTests.desk(harness)
        var ids: [Int64] = []
        for index in 0..<30 {
            let added = try await desk.addCustomer(name: "Student \(index)", email: "student\(index)@example.com",
                                                   selection: AccessSelection(courses: index < 12 ? ["web-basics", "css-mastery"] : ["web-basics"]),
                                                   expiresAt: nil, by: "test")
            ids.append(added.customerID)
        }
        _ = try await desk.revoke(customerID: ids[0], course: "css-mastery", message: nil, by: "test")
        let store = harness.store
        try await harness.gateway.application.test(.router) { client in
            let session = Self.cookie(try await Self.signIn(client, store: store))
            let first = try await client.execute(uri: "/admin/customers", method: .get, headers: [.cookie: session]).body.text
            #expect(first.contains("<strong>30</strong> Web Basics"))
            #expect(first.contains("<strong>11</strong> CSS Mastery"), "the revoked customer is not counted")
            let next = try #require(first.firstMatch(of: /href="(\/admin\/customers\?[^"]*after=[^"]+)"/)?.1)
            let second = try await client.execute(uri: String(next).replacingOccurrences(of: "&amp;", with: "&"), method: .get,
                                                  headers: [.cookie: session]).body.text
            let emails = { (page: String) in Set(page.matches(of: /student\d+@example\.com/).map { String($0.0) }) }
            #expect(!emails(first).isEmpty && !emails(second).isEmpty)
            #expect(emails(first).isDisjoint(with: emails(second)), "the next page shows other customers")
            #expect(second.contains("First page"))
            #expect(!second.contains("Next page"), "the last page links nowhere further")
        }
    }
}
