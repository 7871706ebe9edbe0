import AccessKernel
import AccessStore
import Foundation
import Hummingbird

extension AdminAPI {
    /// Finding, looking at, adding, editing and erasing customers; the course list.
    var customerRoutes: [AdminRoute] {
        [
            AdminRoute(.get, "/v1/customers", scope: .read) { request in
                let page = try await supportDesk().search(request.query("q") ?? "", limit: try request.limit(),
                                                          cursor: request.query("cursor"))
                return try AdminJSON.response(ListBody(page.items, next: page.next))
            },
            AdminRoute(.post, "/v1/customers", scope: .admin) { request in
                let body = try await request.body(NewCustomerBody.self)
                let added = try await supportDesk().addCustomer(name: body.name, email: body.email, selection: body.selection,
                                                                expiresAt: body.expiresAt, by: request.actor)
                return try AdminJSON.response(added, status: added.created ? .created : .ok)
            },
            AdminRoute(.get, "/v1/customers/{id}", scope: .read) { request in
                try AdminJSON.response(try await supportDesk().profile(customerID: try request.customerID()))
            },
            AdminRoute(.patch, "/v1/customers/{id}", scope: .admin) { request in
                let id = try request.customerID()
                let body = try await request.body(DetailsBody.self)
                guard body.name != nil || body.email != nil else {
                    throw SupportError(.invalid, "send a name, an email or both", field: "body")
                }
                return try AdminJSON.response(
                    try await supportDesk().changeDetails(customerID: id, name: body.name, email: body.email, by: request.actor))
            },
            AdminRoute(.post, "/v1/customers/{id}/erase", scope: .admin) { request in
                let id = try request.customerID()
                try await supportDesk().erase(customerID: id, by: request.actor)
                return try AdminJSON.response(ErasedBody(customerId: id, erased: true))
            },
            AdminRoute(.post, "/v1/customers/{id}/welcome", scope: .admin) { request in
                let id = try request.customerID()
                let body = try await request.body(WelcomeBody.self)
                let deliveries = try await supportDesk().resendWelcome(customerID: id, course: body.course, by: request.actor)
                return try AdminJSON.response(WelcomeQueuedBody(deliveries: deliveries), status: .accepted)
            },
            AdminRoute(.get, "/v1/courses", scope: .read) { _ in
                let counts = try await supportDesk().activeCounts()
                let courses = mapping.mapping.courses.values.sorted { $0.id < $1.id }.map {
                    CourseBody(id: $0.id, title: $0.title, published: $0.published, active: counts[$0.id] ?? 0)
                }
                return try AdminJSON.response(ListBody(courses))
            },
            AdminRoute(.get, "/v1/courses/{course}/customers", scope: .read) { request in
                let course = try knownCourse(request.parameter("course"))
                let status = request.query("status")
                if let status, !["active", "revoked", "expired"].contains(status) {
                    throw SupportError(.invalid, "status must be active, revoked or expired", field: "status")
                }
                let page = try await supportDesk().courseCustomers(course, status: status, limit: try request.limit(),
                                                                   cursor: request.query("cursor"))
                return try AdminJSON.response(ListBody(page.items.map(CourseMemberBody.init), next: page.next))
            },
        ]
    }

    /// The course id if the mapping has it; 404 otherwise.
    func knownCourse(_ id: String) throws -> String {
        guard mapping.mapping.courses[id] != nil else { throw SupportError(.notFound, "no course \(id) in the mapping") }
        return id
    }
}

/// `{"customer_id": 7, "erased": true}`.
struct ErasedBody: Encodable {
    var customerId: Int64
    var erased: Bool
}

/// `{"deliveries": [12, 13]}`: the welcome mails queued.
struct WelcomeQueuedBody: Encodable {
    var deliveries: [Int64]
}
