import Foundation

/// Stripe events with the real field names and order, ready for ``StripeJSONWriter``:
/// the envelope here, the objects it carries in the `StripeEventBuilder+…` files.
///
/// Objects are written with `id` and `object` first, then fields by name, as Stripe
/// does; absent values are `null`.
public enum StripeEventBuilder {
    /// The API version the recorded events were sent with.
    public static let apiVersion = "2024-06-20"

    /// The event envelope around `object`.
    public static func event(id: String, type: String, created: Date, livemode: Bool, object: StripeJSON,
                             previousAttributes: StripeJSON? = nil, requestID: String? = nil) -> StripeJSON {
        var data: [StripeField] = [StripeField("object", object)]
        if let previousAttributes { data.append(StripeField("previous_attributes", previousAttributes)) }
        return .fields([
            "id": .string(id),
            "object": "event",
            "api_version": .string(apiVersion),
            "created": unix(created),
            "data": .object(data),
            "livemode": .bool(livemode),
            "pending_webhooks": 1,
            "request": .fields(["id": .string(requestID), "idempotency_key": .string(requestID.map { "\($0)-key" })]),
            "type": .string(type),
        ])
    }

    /// Unix seconds, as Stripe writes times.
    static func unix(_ date: Date) -> StripeJSON { .integer(Int64(date.timeIntervalSince1970.rounded(.down))) }

    /// A list object: `{object: "list", data, has_more, total_count?, url}`.
    static func list(_ data: [StripeJSON], url: String, hasMore: Bool = false, totalCount: Bool = false) -> StripeJSON {
        var fields: [StripeField] = [
            StripeField("object", "list"), StripeField("data", .array(data)), StripeField("has_more", .bool(hasMore)),
        ]
        if totalCount { fields.append(StripeField("total_count", .integer(Int64(data.count)))) }
        fields.append(StripeField("url", .string(url)))
        return .object(fields)
    }

    /// A price object.
    static func price(_ price: StripePrice, created: Date, livemode: Bool) -> StripeJSON {
        .fields([
            "id": .string(price.id),
            "object": "price",
            "active": true,
            "billing_scheme": "per_unit",
            "created": unix(created),
            "currency": .string(price.currency),
            "livemode": .bool(livemode),
            "lookup_key": nil,
            "metadata": .object([]),
            "nickname": nil,
            "product": .string(price.productID),
            "recurring": price.interval.map { interval in
                .fields(["aggregate_usage": nil, "interval": .string(interval), "interval_count": 1, "meter": nil,
                         "trial_period_days": nil, "usage_type": "licensed"])
            } ?? .null,
            "tax_behavior": "unspecified",
            "tiers_mode": nil,
            "transform_quantity": nil,
            "type": price.interval == nil ? "one_time" : "recurring",
            "unit_amount": .integer(price.unitAmount),
            "unit_amount_decimal": .string(String(price.unitAmount)),
        ])
    }
}
