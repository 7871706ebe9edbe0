import AccessStore
import Foundation
import Hummingbird

extension AdminAPI {
    /// Setting a customer's courses and products; revoking, restoring, and expiry per course.
    var accessRoutes: [AdminRoute] {
        [
            AdminRoute(.put, "/v1/customers/{id}/access", scope: .admin) { request in
                let id = try request.customerID()
                let body = try await request.body(SelectionBody.self)
                let changes = try await supportDesk().setAccess(customerID: id, to: body.selection, by: request.actor)
                return try AdminJSON.response(ChangesBody(changes: changes))
            },
            AdminRoute(.post, "/v1/customers/{id}/access/{course}/revoke", scope: .admin) { request in
                let id = try request.customerID()
                let course = try knownCourse(request.parameter("course"))
                let body = try await request.body(RevokeBody.self)
                let changes = try await supportDesk().revoke(customerID: id, course: course, message: body.message, by: request.actor)
                return try AdminJSON.response(ChangesBody(changes: changes))
            },
            AdminRoute(.post, "/v1/customers/{id}/access/{course}/restore", scope: .admin) { request in
                let id = try request.customerID()
                let course = try knownCourse(request.parameter("course"))
                let changes = try await supportDesk().restore(customerID: id, course: course, by: request.actor)
                return try AdminJSON.response(ChangesBody(changes: changes))
            },
            AdminRoute(.put, "/v1/customers/{id}/access/{course}/expiry", scope: .admin) { request in
                let id = try request.customerID()
                let course = try knownCourse(request.parameter("course"))
                let body = try await request.body(ExpiryBody.self)
                let changes = try await supportDesk().setExpiry(customerID: id, course: course, at: body.expiresAt, by: request.actor)
                return try AdminJSON.response(ChangesBody(changes: changes))
            },
            AdminRoute(.delete, "/v1/customers/{id}/access/{course}/expiry", scope: .admin) { request in
                let id = try request.customerID()
                let course = try knownCourse(request.parameter("course"))
                let changes = try await supportDesk().setExpiry(customerID: id, course: course, at: nil, by: request.actor)
                return try AdminJSON.response(ChangesBody(changes: changes))
            },
        ]
    }
}
