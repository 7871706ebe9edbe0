import AccessKernel
import AccessStore
import Foundation
import MappingConfig

// Request and response bodies of the admin API that are not support types themselves.
// Request keys are spelled out (snake_case), so the field a 422 names is the one sent;
// responses are converted to snake_case by ``AdminJSON``.

/// `{"items": [...], "next_cursor": "..."}`.
struct ListBody<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }

    init(_ items: [Item], next: String? = nil) {
        self.items = items
        self.nextCursor = next
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// `{"changes": [...]}`: what an access operation changed.
struct ChangesBody: Encodable {
    var changes: [AccessChange]
}

/// A product as a request names it.
struct ProductBody: Decodable {
    var instance: String
    var kind: ItemKind?
    var productId: String
    var pricingOption: String?

    enum CodingKeys: String, CodingKey {
        case instance, kind, productId = "product_id", pricingOption = "pricing_option"
    }

    var choice: ProductChoice {
        ProductChoice(instance: instance, kind: kind ?? .product, productID: productId, pricingOption: pricingOption)
    }
}

/// `PUT /v1/customers/{id}/access`.
struct SelectionBody: Decodable {
    var courses: [String]?
    var products: [ProductBody]?

    var selection: AccessSelection {
        AccessSelection(courses: courses ?? [], products: (products ?? []).map(\.choice))
    }
}

/// `POST /v1/customers`.
struct NewCustomerBody: Decodable {
    var name: String?
    var email: String
    var courses: [String]?
    var products: [ProductBody]?
    var expiresAt: Date?

    enum CodingKeys: String, CodingKey { case name, email, courses, products, expiresAt = "expires_at" }

    var selection: AccessSelection {
        AccessSelection(courses: courses ?? [], products: (products ?? []).map(\.choice))
    }
}

/// `PATCH /v1/customers/{id}`.
struct DetailsBody: Decodable {
    var name: String?
    var email: String?
}

/// `POST …/revoke`.
struct RevokeBody: Decodable {
    var message: String?
}

/// `PUT …/expiry`.
struct ExpiryBody: Decodable {
    var expiresAt: Date

    enum CodingKeys: String, CodingKey { case expiresAt = "expires_at" }
}

/// `POST /v1/customers/{id}/welcome`.
struct WelcomeBody: Decodable {
    var course: String?
}

/// `POST /v1/customers/{id}/refunds`.
struct RefundBody: Decodable {
    var instance: String
    var orderId: String
    var paymentId: String?
    var item: String?
    var amountCents: Int?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case instance, orderId = "order_id", paymentId = "payment_id", item, amountCents = "amount_cents", reason
    }
}

/// `POST /v1/customers/{id}/subscriptions/{subscription}/cancel|pause|resume`.
struct SubscriptionBody: Decodable {
    var instance: String
    var orderId: String?

    enum CodingKeys: String, CodingKey { case instance, orderId = "order_id" }
}

/// `POST /v1/keys`.
struct NewKeyBody: Decodable {
    var name: String
    var scope: APIKey.Scope
}

/// One customer of a course with their access.
struct CourseMemberBody: Encodable {
    var customerId: Int64
    var email: String
    var name: String?
    var course: String
    var status: String
    var expiresAt: Date?
    var message: String?
    var changedAt: Date

    init(_ member: CourseMember) {
        customerId = member.customer.id
        email = member.customer.email
        name = member.customer.name
        course = member.course
        status = member.state.status.name
        expiresAt = member.state.status.date
        if case .revoked(.manual(let text)) = member.state.status { message = text }
        changedAt = member.changedAt
    }
}

/// A course of the mapping with how many customers may open it now.
struct CourseBody: Encodable {
    var id: String
    var title: String
    var published: Bool
    var active: Int
}

/// An outbox delivery as operations see it.
struct OutboxDeliveryBody: Encodable {
    var id: Int64
    var messageId: String
    var target: String
    var topic: String
    var customerId: Int64?
    var course: String?
    var status: String
    var attempts: Int
    var nextAttemptAt: Date
    var lastError: String?
    var createdAt: Date
    var deliveredAt: Date?

    init(_ delivery: OutboxDelivery) {
        id = delivery.id
        messageId = delivery.messageID
        target = delivery.target.description
        topic = delivery.topic
        customerId = delivery.customerID
        course = delivery.course
        status = delivery.status.rawValue
        attempts = delivery.attempts
        nextAttemptAt = delivery.nextAttemptAt
        lastError = delivery.lastError
        createdAt = delivery.createdAt
        deliveredAt = delivery.deliveredAt
    }
}

/// An API key; `secret` only in the answer that created it.
struct KeyBody: Encodable {
    var id: Int64
    var name: String
    var scope: String
    var createdAt: Date
    var secret: String?

    init(_ key: APIKey, secret: String? = nil) {
        id = key.id
        name = key.name
        scope = key.scope.rawValue
        createdAt = key.createdAt
        self.secret = secret
    }
}

/// The mapping version this gateway serves.
struct MappingBody: Encodable {
    var id: Int64
    var hash: String
    var path: String
    var routes: Int
    /// When this gateway put it in force.
    var since: Date
    /// The last reload refused since, with every problem; `null` when the last one went through.
    var lastRejection: RejectionBody?
}

struct RejectionBody: Encodable {
    var at: Date
    var path: String
    var issues: [IssueBody]

    init(_ rejection: LiveMapping.Rejection) {
        at = rejection.at
        path = rejection.path
        issues = rejection.issues.map(IssueBody.init)
    }
}

struct IssueBody: Encodable {
    var file: String
    var line: Int?
    var column: Int?
    var key: String
    var message: String

    init(_ issue: MappingIssue) {
        file = issue.file
        line = issue.line
        column = issue.column
        key = issue.key
        message = issue.message
    }
}

/// What a mapping would change (`POST /v1/mapping/diff`).
struct MappingDiffBody: Encodable {
    var customersChecked: Int
    var customersChanging: Int
    var gained: Int
    var lost: Int
    var activeBefore: Int
    var lostShare: Double
    var courses: [String: MappingDiff.CourseCounts]
    var sample: [MappingDiff.CustomerChange]
}
