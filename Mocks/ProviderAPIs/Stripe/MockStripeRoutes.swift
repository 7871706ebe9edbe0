import Outbound
import Foundation

/// The Stripe API calls the mock answers, each as Stripe answers it.
extension MockStripeState {
    mutating func answer(_ request: MockAPIServer.Request) -> MockAPIServer.Response {
        let parts = request.path.split(separator: "/").map(String.init)
        let route = (request.method, parts.count)
        if route == ("GET", 2), parts == ["v1", "events"] {
            return listEvents(request.query)
        }
        if parts.count >= 4, parts[0...2] == ["v1", "checkout", "sessions"], request.method == "GET" {
            let id = parts[3]
            guard var session = sessions[id] else { return MockStripeErrors.missing("checkout.session", id) }
            if parts.count == 4 {
                session.expandsLineItems = false
                return MockStripeErrors.json(200, StripeEventBuilder.checkoutSessionObject(session))
            }
            if parts.count == 5, parts[4] == "line_items" {
                let lines = session.lineItems.map { StripeEventBuilder.lineItem($0, created: session.created, livemode: session.livemode) }
                return page(lines, query: request.query, url: request.path)
            }
        }
        if route == ("POST", 2), parts == ["v1", "refunds"] {
            return refund(request)
        }
        if parts.count == 3, parts[0...1] == ["v1", "subscriptions"] {
            if request.method == "DELETE" { return cancel(parts[2]) }
            if request.method == "POST" { return update(parts[2], request.form) }
        }
        return MockStripeErrors.error(404, message: "Unrecognized request URL (\(request.method): \(request.path)).")
    }

    /// `GET /v1/events` with `delivery_success`, `type` (`checkout.session.*` too),
    /// `created[gte]`, `created[lte]`, `limit` and `starting_after`.
    private func listEvents(_ query: [String: String]) -> MockAPIServer.Response {
        var listed = eventsNewestFirst
        if let success = query["delivery_success"] {
            guard success == "true" || success == "false" else {
                return MockStripeErrors.error(400, code: "parameter_invalid_boolean",
                                              message: "Invalid boolean: \(success)", param: "delivery_success")
            }
            listed = listed.filter { $0.delivered == (success == "true") }
        }
        if let type = query["type"] {
            listed = listed.filter { stored in
                guard let eventType = stored.event.text("type") else { return false }
                return type.hasSuffix("*") ? eventType.hasPrefix(type.dropLast()) : eventType == type
            }
        }
        for (bound, keep) in [("created[gte]", { (a: Int64, b: Int64) in a >= b }), ("created[lte]", { $0 <= $1 })] {
            guard let text = query[bound] else { continue }
            guard let seconds = Int64(text) else {
                return MockStripeErrors.error(400, code: "parameter_invalid_integer", message: "Invalid integer: \(text)", param: bound)
            }
            listed = listed.filter { keep($0.event.created, seconds) }
        }
        return page(listed.map(\.event), query: query, url: "/v1/events")
    }

    /// One page of `items` by `limit` (10 unless told, 1…100) after `starting_after`.
    private func page(_ items: [StripeJSON], query: [String: String], url: String) -> MockAPIServer.Response {
        let limitText = query["limit"] ?? "10"
        guard let limit = Int(limitText), (1...100).contains(limit) else {
            return MockStripeErrors.error(400, code: "parameter_invalid_integer",
                                          message: "This value must be greater than or equal to 1 and less than or equal to 100.",
                                          param: "limit")
        }
        var start = 0
        if let cursor = query["starting_after"] {
            guard let index = items.firstIndex(where: { $0.text("id") == cursor }) else {
                return MockStripeErrors.missing("object", cursor, param: "starting_after")
            }
            start = index + 1
        }
        let slice = Array(items[start...].prefix(limit))
        return MockStripeErrors.json(200, StripeEventBuilder.list(slice, url: url, hasMore: start + slice.count < items.count))
    }

    /// `POST /v1/refunds` {charge | payment_intent, amount?, reason?, metadata[…]}.
    private mutating func refund(_ request: MockAPIServer.Request) -> MockAPIServer.Response {
        let form = request.form
        let key = request.headers["Idempotency-Key"]
        if let key, let earlier = refunds.first(where: { $0.idempotencyKey == key }), let charge = charges[earlier.chargeID] {
            return MockStripeErrors.json(200, Self.refundObject(earlier, charge))
        }
        let found: MockStripeCharge?
        switch (form["charge"], form["payment_intent"]) {
        case (let id?, nil):
            guard let charge = charges[id] else { return MockStripeErrors.missing("charge", id, param: "charge") }
            found = charge
        case (nil, let id?):
            guard let charge = charges.values.first(where: { $0.paymentIntent == id }) else {
                return MockStripeErrors.missing("payment_intent", id, param: "payment_intent")
            }
            found = charge
        case (nil, nil):
            return MockStripeErrors.error(400, code: "parameter_missing",
                                          message: "One of the following params should be provided for this request: payment_intent or charge.")
        default:
            return MockStripeErrors.error(400, message: "You cannot specify both charge and payment_intent.")
        }
        guard var charge = found else { return MockStripeErrors.error(500, type: "api_error", message: "unreachable") }
        let left = charge.amount - charge.amountRefunded
        guard left > 0 else {
            return MockStripeErrors.error(400, code: "charge_already_refunded", message: "Charge \(charge.id) has already been refunded.")
        }
        var amount = left
        if let text = form["amount"] {
            guard let asked = Int64(text), asked > 0 else {
                return MockStripeErrors.error(400, code: "parameter_invalid_integer", message: "Invalid integer: \(text)", param: "amount")
            }
            guard asked <= left else {
                return MockStripeErrors.error(400, code: "amount_too_large",
                                              message: "Refund amount (\(asked)) is greater than unrefunded amount on charge (\(left))",
                                              param: "amount")
            }
            amount = asked
        }
        var metadata: [String: String] = [:]
        for (name, value) in form where name.hasPrefix("metadata[") && name.hasSuffix("]") {
            metadata[String(name.dropFirst("metadata[".count).dropLast())] = value
        }
        let refund = MockStripeRefund(id: "re_mock_\(refunds.count + 1)", chargeID: charge.id, amount: amount,
                                      reason: form["reason"], metadata: metadata, idempotencyKey: key)
        refunds.append(refund)
        charge.amountRefunded += amount
        charges[charge.id] = charge
        return MockStripeErrors.json(200, Self.refundObject(refund, charge))
    }

    private static func refundObject(_ refund: MockStripeRefund, _ charge: MockStripeCharge) -> StripeJSON {
        .fields([
            "id": .string(refund.id),
            "object": "refund",
            "amount": .integer(refund.amount),
            "charge": .string(charge.id),
            "currency": .string(charge.currency),
            "metadata": .object(refund.metadata.sorted { $0.key < $1.key }.map { StripeField($0.key, .string($0.value)) }),
            "payment_intent": .string(charge.paymentIntent),
            "reason": .string(refund.reason),
            "status": "succeeded",
        ])
    }

    /// `DELETE /v1/subscriptions/{id}`: cancelled at once.
    private mutating func cancel(_ id: String) -> MockAPIServer.Response {
        guard var subscription = subscriptions[id] else { return MockStripeErrors.missing("subscription", id) }
        guard subscription.status != "canceled" else {
            return MockStripeErrors.error(400, message: "This subscription has already been canceled.")
        }
        subscription.status = "canceled"
        subscription.pauseCollection = nil
        subscriptions[id] = subscription
        return MockStripeErrors.json(200, Self.subscriptionObject(subscription))
    }

    /// `POST /v1/subscriptions/{id}` with `pause_collection[behavior]` (pause) or an empty
    /// `pause_collection` (resume).
    private mutating func update(_ id: String, _ form: [String: String]) -> MockAPIServer.Response {
        guard var subscription = subscriptions[id] else { return MockStripeErrors.missing("subscription", id) }
        guard subscription.status != "canceled" else {
            return MockStripeErrors.error(400, message: "You cannot update a subscription that is `canceled` or `incomplete_expired`.")
        }
        if let behavior = form["pause_collection[behavior]"] {
            guard ["void", "keep_as_draft", "mark_uncollectible"].contains(behavior) else {
                return MockStripeErrors.error(400, code: "parameter_invalid_string",
                                              message: "Invalid pause_collection[behavior]: \(behavior)", param: "pause_collection[behavior]")
            }
            subscription.pauseCollection = behavior
        } else if form["pause_collection"] == "" {
            subscription.pauseCollection = nil
        }
        subscriptions[id] = subscription
        return MockStripeErrors.json(200, Self.subscriptionObject(subscription))
    }

    private static func subscriptionObject(_ subscription: MockStripeSubscription) -> StripeJSON {
        .fields([
            "id": .string(subscription.id),
            "object": "subscription",
            "cancel_at_period_end": false,
            "pause_collection": subscription.pauseCollection.map { .fields(["behavior": .string($0), "resumes_at": nil]) } ?? .null,
            "status": .string(subscription.status),
        ])
    }
}
