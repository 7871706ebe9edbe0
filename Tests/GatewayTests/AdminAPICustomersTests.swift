import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("admin API: customers")
struct AdminAPICustomersTests {
    @Test("search finds customers by part of a name or email, case-insensitively, page by page")
    func search() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        try await harness.gateway.application.test(.router) { client in
            for (order, email) in [("1", "ann.lee@example.com"), ("2", "bob@example.com"), ("3", "annabel@school.org")] {
                try await client.purchase(order: order, email: email)
            }
            let found = try await client.call(.get, "/v1/customers?q=ANN", key: read)
            #expect(found.status == .ok)
            #expect(found.items.map { $0["email"] as? String } == ["ann.lee@example.com", "annabel@school.org"])
            #expect(found.items.first?["active_courses"] as? [String] == ["web-basics"])
            #expect(found.body.json["next_cursor"] is NSNull)

            let first = try await client.call(.get, "/v1/customers?limit=2", key: read)
            #expect(first.items.count == 2)
            let cursor = try #require(first.body.json["next_cursor"] as? String)
            let second = try await client.call(.get, "/v1/customers?limit=2&cursor=\(cursor)", key: read)
            #expect(second.items.map { $0["email"] as? String } == ["annabel@school.org"])
        }
    }

    @Test("a profile shows details, access per course with sources, purchases and the timeline")
    func profile() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        try await harness.gateway.application.test(.router) { client in
            try await client.purchase(order: "1", email: "ann@example.com")
            let found = try await client.call(.get, "/v1/customers?q=ann", key: read)
            let id = try #require(found.items.first?["id"] as? Int)
            let response = try await client.call(.get, "/v1/customers/\(id)", key: read)
            #expect(response.status == .ok, "\(response.body.text)")
            let profile = response.body.json
            #expect(profile["email"] as? String == "ann@example.com")
            let access = try #require(profile["access"] as? [[String: Any]])
            #expect(access.first?["course"] as? String == "web-basics")
            #expect(access.first?["status"] as? String == "active")
            #expect((access.first?["sources"] as? [[String: Any]])?.first?["role"] as? String == "purchase")
            #expect((profile["purchases"] as? [[String: Any]])?.first?["order_id"] as? String == "1")
            #expect((profile["timeline"] as? [Any])?.isEmpty == false)
            #expect(profile["created_at"] is String)
        }
    }

    @Test("an unknown customer is 404 JSON")
    func unknownCustomer() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            for (method, uri, body) in [(HTTPRequest.Method.get, "/v1/customers/999", nil), (.get, "/v1/customers/ann", nil),
                                        (.patch, "/v1/customers/999", #"{"name": "X"}"#),
                                        (.post, "/v1/customers/999/erase", nil)] as [(HTTPRequest.Method, String, String?)] {
                let response = try await client.call(method, uri, key: admin, json: body)
                #expect(response.status == .notFound, "\(method) \(uri): \(response.body.text)")
                #expect(response.code == "not_found")
            }
        }
    }

    @Test("adding a customer is 201 with the access granted; the same email again adds to them with 200")
    func addCustomer() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        let read = try await harness.authorization(scope: .read)
        try await harness.gateway.application.test(.router) { client in
            let created = try await client.call(.post, "/v1/customers", key: admin,
                                                json: #"{"name": "Ann Lee", "email": "ann@example.com", "courses": ["web-basics"]}"#)
            #expect(created.status == .created, "\(created.body.text)")
            #expect(created.body.json["created"] as? Bool == true)
            let changes = try #require(created.body.json["changes"] as? [[String: Any]])
            #expect(changes.map { $0["course"] as? String } == ["web-basics"])
            #expect(changes.first?["after"] as? String == "active")
            let id = try #require(created.body.json["customer_id"] as? Int)

            let again = try await client.call(
                .post, "/v1/customers", key: admin,
                json: #"{"email": "ANN@example.com", "products": [{"instance": "probe-main", "product_id": "14"}]}"#)
            #expect(again.status == .ok, "\(again.body.text)")
            #expect(again.body.json["created"] as? Bool == false)
            #expect(again.body.json["customer_id"] as? Int == id)

            let access = try await client.call(.get, "/v1/access?email=ann@example.com&course=css-mastery", key: read)
            #expect(access.body.json["status"] as? String == "active")
        }
    }

    @Test("an invalid email, a missing email or a bad date is 422 naming the field")
    func addInvalid() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            let cases: [(String, String)] = [
                (#"{"email": "not-an-email", "courses": ["web-basics"]}"#, "email"),
                (#"{"name": "Ann", "courses": ["web-basics"]}"#, "email"),
                (#"{"email": "ann@example.com", "courses": ["web-basics"], "expires_at": "next week"}"#, "expires_at"),
                (#"{"email": "ann@example.com", "products": [{"product_id": "12"}]}"#, "products[0].instance"),
            ]
            for (body, field) in cases {
                let response = try await client.call(.post, "/v1/customers", key: admin, json: body)
                #expect(response.status == .unprocessableContent, "\(body): \(response.body.text)")
                #expect(response.code == "invalid")
                #expect(response.body.json["field"] as? String == field, "\(body): \(response.body.text)")
            }
        }
    }

    @Test("changing the email keeps the old one as an alias that still finds the customer")
    func changeDetails() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            try await client.purchase(order: "1", email: "ann@example.com")
            let id = try #require(try await client.call(.get, "/v1/customers?q=ann", key: admin).items.first?["id"] as? Int)
            let changed = try await client.call(.patch, "/v1/customers/\(id)", key: admin,
                                                json: #"{"name": "Ann Lee", "email": "ann.lee@example.com"}"#)
            #expect(changed.status == .ok, "\(changed.body.text)")
            #expect(changed.body.json["email"] as? String == "ann.lee@example.com")
            #expect(changed.body.json["aliases"] as? [String] == ["ann@example.com"])
            let byOld = try await client.call(.get, "/v1/access?email=ann@example.com&course=web-basics", key: admin)
            #expect(byOld.body.json["status"] as? String == "active")

            let invalid = try await client.call(.patch, "/v1/customers/\(id)", key: admin, json: #"{"email": "nope"}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.body.json["field"] as? String == "email")
            let empty = try await client.call(.patch, "/v1/customers/\(id)", key: admin, json: "{}")
            #expect(empty.status == .unprocessableContent)

            try await client.purchase(order: "2", email: "bob@example.com")
            let taken = try await client.call(.patch, "/v1/customers/\(id)", key: admin, json: #"{"email": "bob@example.com"}"#)
            #expect(taken.status == .conflict)
            #expect(taken.code == "conflict")
        }
    }

    @Test("erasing a customer anonymises them")
    func erase() async throws {
        let harness = try await GatewayHarness.make()
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            try await client.purchase(order: "1", email: "ann@example.com")
            let id = try #require(try await client.call(.get, "/v1/customers?q=ann", key: admin).items.first?["id"] as? Int)
            let erased = try await client.call(.post, "/v1/customers/\(id)/erase", key: admin)
            #expect(erased.status == .ok, "\(erased.body.text)")
            #expect(erased.body.json["erased"] as? Bool == true)
            let profile = try await client.call(.get, "/v1/customers/\(id)", key: admin)
            #expect(profile.body.json["erased"] as? Bool == true)
            #expect(!profile.body.text.contains("ann@example.com"))
            #expect(try await client.call(.get, "/v1/customers?q=ann", key: admin).items.isEmpty)
        }
    }

    @Test("resending the welcome mail queues it in the outbox")
    func resendWelcome() async throws {
        let harness = try await GatewayHarness.make(
            mappingText: OutboxWorkerTests.mapping(sinks: [], smtpPort: 9, retrySchedule: "[3600]"))
        let admin = try await harness.authorization(scope: .admin)
        try await harness.gateway.application.test(.router) { client in
            try await client.purchase(order: "1", email: "ann@example.com")
            let id = try #require(try await client.call(.get, "/v1/customers?q=ann", key: admin).items.first?["id"] as? Int)
            let queued = try await client.call(.post, "/v1/customers/\(id)/welcome", key: admin, json: #"{"course": "web-basics"}"#)
            #expect(queued.status == .accepted, "\(queued.body.text)")
            #expect((queued.body.json["deliveries"] as? [Int])?.count == 1)
            let notHeld = try await client.call(.post, "/v1/customers/\(id)/welcome", key: admin, json: #"{"course": "css-mastery"}"#)
            #expect(notHeld.status == .unprocessableContent)
            #expect(notHeld.body.json["field"] as? String == "course")
        }
    }

    @Test("the course list counts active customers; a course's customers filter by status")
    func courses() async throws {
        let harness = try await GatewayHarness.make()
        let read = try await harness.authorization(scope: .read)
        try await harness.gateway.application.test(.router) { client in
            try await client.purchase(order: "1", email: "ann@example.com")
            try await client.purchase(order: "2", email: "bob@example.com")
            _ = try await client.execute(uri: "/webhooks/probe-main", method: .post, headers: ProbeDelivery.headers(),
                                         body: ProbeDelivery.refund(order: "2"))
            let courses = try await client.call(.get, "/v1/courses", key: read)
            #expect(courses.status == .ok, "\(courses.body.text)")
            let counts = Dictionary(uniqueKeysWithValues: courses.items.map { ($0["id"] as? String ?? "", $0["active"] as? Int) })
            #expect(counts == ["web-basics": 1, "css-mastery": 0])

            let revoked = try await client.call(.get, "/v1/courses/web-basics/customers?status=revoked", key: read)
            #expect(revoked.status == .ok, "\(revoked.body.text)")
            #expect(revoked.items.map { $0["email"] as? String } == ["bob@example.com"])
            let all = try await client.call(.get, "/v1/courses/web-basics/customers", key: read)
            #expect(all.items.count == 2)
            #expect(try await client.call(.get, "/v1/courses/nope/customers", key: read).status == .notFound)
            let badStatus = try await client.call(.get, "/v1/courses/web-basics/customers?status=gone", key: read)
            #expect(badStatus.body.json["field"] as? String == "status")
        }
    }
}
