import AccessKernel
import AccessStore
import Foundation

/// A real store whose commits take `delay` (so a test can stop the gateway while a
/// delivery is being committed) or fail with `failure` (so a test sees the 500 answer).
struct StoreDouble: AccessStore {
    let base: SQLiteStore
    var delay: Duration = .zero
    var failure: (any Error & Sendable)?

    /// What a failing store throws; its text must never reach an HTTP caller.
    struct DiskOnFire: Error, CustomStringConvertible {
        var description: String { "disk I/O error at /secret/path/coursegate.sqlite" }
    }

    func register(_ mapping: Mapping, hash: String, path: String, text: String) async throws -> MappingVersion {
        try await base.register(mapping, hash: hash, path: path, text: text)
    }

    func record(_ facts: [Fact], under mapping: MappingVersion, now: Date) async throws -> RecordOutcome {
        try await Task.sleep(for: delay)
        if let failure { throw failure }
        return try await base.record(facts, under: mapping, now: now)
    }

    func record(groups: [[Fact]], under mapping: MappingVersion, now: Date) async throws -> [RecordOutcome] {
        try? await Task.sleep(for: delay)
        if let failure { throw failure }
        return try await base.record(groups: groups, under: mapping, now: now)
    }

    func sweep(under mapping: MappingVersion, now: Date) async throws -> [AccessEvent] {
        try await base.sweep(under: mapping, now: now)
    }

    func customer(email: String) async throws -> CustomerRecord? { try await base.customer(email: email) }
    func access(customerID: Int64) async throws -> [AccessRecord] { try await base.access(customerID: customerID) }
    func accessStatus(email: String, course: String) async throws -> AccessLookup { try await base.accessStatus(email: email, course: course) }
    func facts(customerID: Int64) async throws -> [StoredFact] { try await base.facts(customerID: customerID) }
    func accessEvents(customerID: Int64) async throws -> [AccessEvent] { try await base.accessEvents(customerID: customerID) }

    func createKey(name: String, scope: APIKey.Scope, now: Date) async throws -> (key: APIKey, secret: String) {
        try await base.createKey(name: name, scope: scope, now: now)
    }

    func key(secret: String) async throws -> APIKey? { try await base.key(secret: secret) }
    func keys() async throws -> [APIKey] { try await base.keys() }
    func revokeKey(id: Int64, now: Date) async throws -> Bool { try await base.revokeKey(id: id, now: now) }
    func customer(id: Int64) async throws -> CustomerRecord? { try await base.customer(id: id) }
    func storedKeys(among keys: [FactKey]) async throws -> Set<FactKey> { try await base.storedKeys(among: keys) }

    func dueDeliveries(now: Date, limit: Int, excluding: Set<Int64>) async throws -> [OutboxDelivery] {
        try await base.dueDeliveries(now: now, limit: limit, excluding: excluding)
    }
    func nextDeliveryTime() async throws -> Date? { try await base.nextDeliveryTime() }
    func finishAttempt(_ id: Int64, result: OutboxAttemptResult, now: Date) async throws {
        try await base.finishAttempt(id, result: result, now: now)
    }
    func deliveries(status: OutboxDelivery.Status?, limit: Int) async throws -> [OutboxDelivery] {
        try await base.deliveries(status: status, limit: limit)
    }
    func delivery(id: Int64) async throws -> OutboxDelivery? { try await base.delivery(id: id) }
    func retryDead(target: OutboxDelivery.Target?, now: Date) async throws -> Int { try await base.retryDead(target: target, now: now) }
    func redeliver(id: Int64, now: Date) async throws -> OutboxDelivery? { try await base.redeliver(id: id, now: now) }
    func disableSink(_ name: String, reason: String, now: Date) async throws { try await base.disableSink(name, reason: reason, now: now) }
    func enableSink(_ name: String) async throws -> Bool { try await base.enableSink(name) }
    func disabledSinks() async throws -> [String: String] { try await base.disabledSinks() }
    func queueWelcome(customerID: Int64, course: String, now: Date) async throws -> Int64 {
        try await base.queueWelcome(customerID: customerID, course: course, now: now)
    }
}

extension StoreDouble: CustomerDirectory {
    func searchCustomers(_ query: String, limit: Int, after: Int64?) async throws -> [CustomerSummary] {
        try await base.searchCustomers(query, limit: limit, after: after)
    }
    func courseMembers(course: String, status: String?, limit: Int, after: Int64?) async throws -> [CourseMember] {
        try await base.courseMembers(course: course, status: status, limit: limit, after: after)
    }
    func activeCounts() async throws -> [String: Int] { try await base.activeCounts() }
    func erase(customerID: Int64, now: Date) async throws -> Bool { try await base.erase(customerID: customerID, now: now) }
}
