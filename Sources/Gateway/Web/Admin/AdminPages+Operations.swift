import AccessStore
import Foundation
import Hummingbird

extension AdminPages {
    /// Recent inbound deliveries, dead outbox deliveries with redeliver, and the mapping in
    /// force with its last reload result.
    func addOperations(to router: Router<BasicRequestContext>) {
        page(router, "/admin/operations") { visit in
            let inboundEntries = try await inbound?.inboundDeliveries(instance: nil, outcome: nil, limit: 50) ?? []
            let dead = try await store.deliveries(status: .dead, limit: 100)
            let current = live.current
            let rejection = live.lastRejection
            return render("admin/operations", [
                "inbound": inboundEntries.map { entry -> [String: Any] in
                    ["id": entry.id, "instance": entry.instance, "at": AdminFormat.time(entry.receivedAt), "outcome": entry.outcome.rawValue,
                     "status": entry.httpStatus, "detail": entry.detail ?? "", "bad": entry.outcome == .rejected]
                },
                "noInbound": inboundEntries.isEmpty,
                "dead": dead.map { delivery -> [String: Any] in
                    ["id": delivery.id, "target": delivery.target.description, "topic": delivery.topic, "course": delivery.course ?? "",
                     "attempts": delivery.attempts, "error": delivery.lastError ?? "", "at": AdminFormat.time(delivery.createdAt)]
                },
                "noDead": dead.isEmpty,
                "mapping": ["id": current.version.id, "hash": String(current.version.hash.prefix(12)), "path": current.file.path,
                            "routes": current.version.mapping.routes.count, "courses": current.version.mapping.courses.count,
                            "since": AdminFormat.time(current.since)],
                "rejection": rejection.map { rejection -> [String: Any] in
                    ["at": AdminFormat.time(rejection.at), "path": rejection.path,
                     "issues": rejection.issues.map { ["text": "\($0)"] }]
                } as Any,
            ], visit: visit, title: "Operations", nav: "operations")
        }
        action(router, "/admin/operations/outbox/{id}/redeliver", back: { _ in "/admin/operations" }) { visit in
            guard let id = Int64(visit.parameter("id")), try await store.redeliver(id: id, now: Date()) != nil else {
                throw SupportError(.notFound, "no outbox delivery \(visit.parameter("id"))")
            }
            await outbox?.wake()
            return ("/admin/operations", "Delivery \(id) queued again")
        }
    }
}
