import AccessKernel
import AdapterKit

/// Reads `order.success` into a purchase: one item per `purchase_map` entry, priced
/// from `order[charges]`, with its pricing option and subscription.
enum PurchaseDecoder {
    static func purchase(orderID: String, in delivery: Delivery) throws(AdapterError) -> Purchase {
        let entries = try purchasedEntries(in: delivery)
        let currency = try delivery.currency()
        let charges = delivery.table("order", "charges")?.elements.compactMap(\.table) ?? []
        let subscriptions = subscriptionIDs(in: delivery)
        var items: [OrderItem] = []
        for entry in entries {
            let matching = charges.filter { charge(entry, matches: $0) }
            let key = ItemKey(entry.kind, entry.id,
                              pricingOption: matching.lazy.compactMap { $0.text(at: ["payment_plan_id"]) }.first)
            items.append(OrderItem(key: key, amount: try amount(of: matching, for: entry), currency: currency,
                                   subscriptionID: subscriptions[entry.text]))
        }
        return Purchase(orderID: orderID, items: items)
    }

    /// The `purchase_map` entries, checked against `purchase_map_flat` when both are
    /// present: a body cut short loses the later one and is refused, not half-read.
    private static func purchasedEntries(in delivery: Delivery) throws(AdapterError) -> [PurchaseMapEntry] {
        let listed: [String]? = delivery.table("purchase_map").map { $0.elements.compactMap(\.text) }
            ?? delivery.text("purchase_map").map(splitFlat)
        // Present but empty still counts: a body cut just after `purchase_map_flat=`.
        let flat = delivery.fields.value(at: ["purchase_map_flat"])?.text.map(splitFlat)
        guard let texts = listed ?? flat, !texts.isEmpty else {
            throw AdapterError(.malformed, "purchase_map is missing; order.success must say what was bought")
        }
        if let listed, let flat, Set(listed) != Set(flat) {
            throw AdapterError(.malformed, "purchase_map and purchase_map_flat disagree; was the body cut short?")
        }
        var seen = Set<PurchaseMapEntry>()
        var entries: [PurchaseMapEntry] = []
        for text in texts {
            let entry = try PurchaseMapEntry(text)
            if seen.insert(entry).inserted { entries.append(entry) }
        }
        return entries
    }

    private static func splitFlat(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
    }

    /// Whether a charge is for an entry: same `reference` (or `item_id`) and, when the
    /// charge names one, the same `item_type`.
    private static func charge(_ entry: PurchaseMapEntry, matches charge: FormTable) -> Bool {
        if let type = charge.text(at: ["item_type"]), type != entry.kind.rawValue { return false }
        return (charge.text(at: ["reference"]) ?? charge.text(at: ["item_id"])) == entry.id
    }

    /// What was charged now: the sum of the entry's one-off charges, else its first
    /// recurring charge (the `recurring` line describes the schedule), else zero.
    private static func amount(of charges: [FormTable], for entry: PurchaseMapEntry) throws(AdapterError) -> Int64 {
        var total: Int64 = 0
        var firstRecurring: Int64?
        for charge in charges {
            guard let text = charge.text(at: ["amount"]) else { continue }
            guard let cents = Int64(text) else {
                throw AdapterError(.malformed, "order[charges] amount \"\(text.prefix(32))\" of \(entry.text) is not in cents")
            }
            if charge.text(at: ["type"]) == "recurring" {
                if firstRecurring == nil { firstRecurring = cents }
            } else {
                let (sum, overflow) = total.addingReportingOverflow(cents)
                guard !overflow else { throw AdapterError(.malformed, "order[charges] amounts of \(entry.text) overflow") }
                total = sum
            }
        }
        return charges.contains { $0.text(at: ["type"]) != "recurring" && $0.text(at: ["amount"]) != nil }
            ? total : (firstRecurring ?? 0)
    }

    /// `subscription_ids` by purchase-map entry (`product-17` → `3498819`): a table, or
    /// the JSON text ThriveCart sometimes sends in its place. `false` means none.
    private static func subscriptionIDs(in delivery: Delivery) -> [String: String] {
        var table = delivery.table("subscription_ids")
        if table == nil, let text = delivery.text("subscription_ids"), text.hasPrefix("{") {
            table = try? JSONForm.parse(Array(text.utf8))
        }
        guard let table else { return [:] }
        var ids: [String: String] = [:]
        for key in table.keys {
            guard let id = table.text(at: [key]), id != "false", id != "0" else { continue }
            ids[key] = id
        }
        return ids
    }
}
