import AccessKernel
import Foundation
import GRDB

/// Writes outbox rows inside the record transaction: one per sink for each new customer,
/// each access event and each erased customer, and a welcome mail per course a new customer
/// was granted.
struct OutboxWriter {
    let db: Database
    let targets: OutboxTargets
    let now: Date
    let scratch: TransactionScratch

    /// Rows for what one record call did. New customers come first, so a receiver creates
    /// the user before it is given a course; erasures come last, named by the email the
    /// receiver knows (the store scrubs it only after this transaction, see `erase`).
    func write(newCustomers: [Int64], events: [AccessEvent], erased: [Int64] = []) throws {
        guard !targets.isEmpty, !(newCustomers.isEmpty && events.isEmpty && erased.isEmpty) else { return }
        let facts = Dictionary(scratch.facts.values.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let created = Set(newCustomers)
        for customer in newCustomers {
            let person = try self.customer(customer)
            let payload = OutboxPayload(at: now, customerEmail: person.email, customerName: person.name)
            for sink in targets.sinks {
                try insert(target: .sink(sink), topic: "customer.created", customer: customer, course: nil, event: nil, payload: payload)
            }
        }
        for event in events {
            guard let topic = Self.topic(of: event.kind) else { continue }
            let person = try customer(event.customerID)
            let payload = OutboxPayload(at: event.at, customerEmail: person.email, customerName: person.name,
                                        course: event.course, orderReference: Self.orderReference(of: event.state, facts: facts),
                                        status: event.state.status.name, expiresAt: event.state.status.date)
            for sink in targets.sinks {
                try insert(target: .sink(sink), topic: topic, customer: event.customerID, course: event.course,
                           event: event.sequence, payload: payload)
            }
            if targets.welcomeMail, event.kind == .granted, try isFirstGrant(event, created: created, in: events) {
                try insert(target: .mail, topic: "mail.welcome", customer: event.customerID, course: event.course,
                           event: event.sequence, payload: payload)
            }
        }
        for customer in erased {
            let person = try self.customer(customer)
            // Erased before: the receiver was told then, under the address it knew.
            guard !person.email.hasSuffix("@" + ErasedCustomer.domain) else { continue }
            let payload = OutboxPayload(at: now, customerEmail: person.email, customerName: person.name)
            for sink in targets.sinks {
                try insert(target: .sink(sink), topic: "customer.erased", customer: customer, course: nil, event: nil, payload: payload)
            }
        }
    }

    /// Whether `event` is among the first grants a customer ever had: a new customer, or one
    /// known before only through facts that granted nothing (a refund that came before its order).
    private func isFirstGrant(_ event: AccessEvent, created: Set<Int64>, in events: [AccessEvent]) throws -> Bool {
        if created.contains(event.customerID) { return true }
        let firstOfThisWrite = events.lazy.filter { $0.customerID == event.customerID }.map(\.sequence).min() ?? event.sequence
        return try db.value(Int64.self, """
            SELECT seq FROM access_events WHERE customer_id = ? AND kind IN ('granted', 'restored') AND seq < ? LIMIT 1
            """, [event.customerID, firstOfThisWrite]) == nil
    }

    /// A welcome mail asked for again (support's "resend welcome").
    func welcome(customer: Int64, course: String) throws -> Int64 {
        let person = try self.customer(customer)
        return try insert(target: .mail, topic: "mail.welcome", customer: customer, course: course, event: nil,
                          payload: OutboxPayload(at: now, customerEmail: person.email, customerName: person.name, course: course))
    }

    /// A hub mail (sign-in or email-change link) to `mail.to`, which for an email change is
    /// not yet the customer's address.
    func hubMail(_ mail: HubLinkMail, customer: Int64) throws -> Int64 {
        try insert(target: .mail, topic: mail.topic, customer: customer, course: nil, event: nil,
                   payload: OutboxPayload(at: now, customerEmail: mail.to, customerName: mail.name, link: mail.url))
    }

    /// The sink topic of an access event; an expiry change alone is not one of the events
    /// receivers are promised.
    static func topic(of kind: AccessEvent.Kind) -> String? {
        switch kind {
        case .granted: "access.granted"
        case .revoked: "access.revoked"
        case .expired: "access.expired"
        case .restored: "access.restored"
        case .expiryChanged: nil
        }
    }

    /// The order behind a state: the purchase among its causes, else any cause naming an order.
    static func orderReference(of state: AccessState, facts: [FactKey: Fact]) -> String? {
        let ordered = state.causes.sorted { ($0.role == .purchase ? 0 : 1, $0) < ($1.role == .purchase ? 0 : 1, $1) }
        for cause in ordered {
            switch facts[cause.fact]?.event {
            case .purchase(let purchase): return purchase.orderID
            case .refund(let refund): return refund.orderID
            case .subscription(let change): return change.orderID ?? change.subscriptionID
            default: continue
            }
        }
        return nil
    }

    private func customer(_ id: Int64) throws -> (email: String, name: String?) {
        guard let row = try db.rows("SELECT email, name FROM customers WHERE id = ?", [id]).first else {
            throw StoreError.unknownCustomer(id)
        }
        return (row["email"], row["name"])
    }

    @discardableResult
    private func insert(target: OutboxDelivery.Target, topic: String, customer: Int64?, course: String?, event: Int64?,
                        payload: OutboxPayload) throws -> Int64 {
        let body = String(decoding: try scratch.encoder.encode(payload), as: UTF8.self)
        // The id is unique before the row exists: the next rowid is not, after a rollback.
        let messageID = "msg_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try db.run("""
            INSERT INTO outbox (message_id, target, topic, customer_id, course_id, access_event_seq, payload, status,
                                attempts, next_attempt_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
            """, [messageID, target.description, topic, customer, course, event, body, millis(now), millis(now), millis(now)])
        return db.lastInsertedRowID
    }
}
