import AdapterKit
import Foundation

/// One page of `GET /transactions`: `{"transactions": [...], "meta": {"page", "perPage", "total"}}`
/// (shape assumed; see ``Transaction``).
struct TransactionPage {
    /// The entries that affect access, in the order listed (newest first).
    var transactions: [Transaction]
    /// How many entries the page listed, those of other types included.
    var listed: Int
    /// The newest time on the page, `nil` when it listed nothing this adapter reads. The
    /// listing runs newest first (assumed, as the dashboard lists them), so once a page's
    /// newest entry is older than what is sought, no later page has anything newer.
    var newest: Date?
    /// `meta.total`: how many entries the whole listing has, when ThriveCart says.
    var total: Int?

    /// Reads a page's body with the same JSON reader as the webhooks' JSON variant.
    init(body: [UInt8]) throws(AdapterError) {
        let root = try JSONForm.parse(body)
        guard let value = root["transactions"] else {
            throw AdapterError(.malformed, "the answer has no transactions list")
        }
        // PHP encodes an empty array as `[]`, which reads as an empty table, or leaves it out.
        guard let list = value.table else {
            throw AdapterError(.malformed, "transactions is not a list")
        }
        let entries = list.elements
        var transactions: [Transaction] = []
        for entry in entries {
            guard let fields = entry.table else { throw AdapterError(.malformed, "a transaction is not an object") }
            if let transaction = try Transaction(fields) { transactions.append(transaction) }
        }
        self.transactions = transactions
        self.listed = entries.count
        self.newest = transactions.map(\.occurredAt).max()
        self.total = root.text(at: ["meta", "total"]).flatMap { Int($0) }
    }
}
