import AccessStore
import Foundation
import Hummingbird

extension AdminAPI {
    /// What operations look at: the inbound log, the outbox (and redelivering one), the mapping.
    var operationRoutes: [AdminRoute] {
        [
            AdminRoute(.get, "/v1/deliveries", scope: .read) { request in
                guard let inbound else { throw SupportError(.unsupported, "this gateway's store keeps no inbound log") }
                let outcome = try request.query("outcome").map { text in
                    guard let outcome = InboundDelivery.Outcome(rawValue: text) else {
                        throw SupportError(.invalid, "outcome must be recorded, duplicate, ignored or rejected", field: "outcome")
                    }
                    return outcome
                }
                let entries = try await inbound.inboundDeliveries(instance: request.query("instance"), outcome: outcome,
                                                                  limit: try request.limit(default: 100, maximum: 1000))
                return try AdminJSON.response(ListBody(entries))
            },
            AdminRoute(.get, "/v1/outbox", scope: .read) { request in
                let status = try request.query("status").map { text in
                    guard let status = OutboxDelivery.Status(rawValue: text) else {
                        throw SupportError(.invalid, "status must be pending, delivered or dead", field: "status")
                    }
                    return status
                }
                let deliveries = try await store.deliveries(status: status, limit: try request.limit(default: 100, maximum: 1000))
                return try AdminJSON.response(ListBody(deliveries.map(OutboxDeliveryBody.init)))
            },
            AdminRoute(.post, "/v1/outbox/{id}/redeliver", scope: .admin) { request in
                let id = try request.id("id", naming: "outbox delivery")
                guard let delivery = try await store.redeliver(id: id, now: Date()) else {
                    throw SupportError(.notFound, "no outbox delivery \(id)")
                }
                await outbox?.wake()
                return try AdminJSON.response(OutboxDeliveryBody(delivery))
            },
        ]
    }
}
