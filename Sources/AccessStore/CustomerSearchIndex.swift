import Foundation
import GRDB

/// The search index behind ``CustomerDirectory/searchCustomers(_:limit:after:)``: one row per
/// customer in the FTS5 table `customer_search` (trigram tokenizer, rowid = customer id)
/// holding the customer's name and every email they have had, case- and accent-folded.
///
/// SQLite 3.40's trigram tokenizer folds case but not accents, so folding happens here, in
/// Swift, for the stored text and the query alike. The text starts every word with a space
/// (" zoe muller zoe@example.com"), which lets a two-character query find word starts
/// through a three-character trigram (" zo").
enum CustomerSearchIndex {
    /// Lowercased, accents removed, runs of white space made one space, trimmed.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    /// The indexed text of a customer: name, then current and former emails.
    static func text(name: String?, emails: [String]) -> String {
        let words = [name].compactMap { $0 } + emails
        return " " + fold(words.joined(separator: " "))
    }

    /// Writes (or rewrites) one customer's row from what the tables hold now; removes it for
    /// an erased customer. Called in the transaction that changed the customer.
    static func refresh(customer id: Int64, in db: Database) throws {
        try db.run("DELETE FROM customer_search WHERE rowid = ?", [id])
        guard let row = try db.rows("SELECT email, name FROM customers WHERE id = ? AND erased_at IS NULL", [id]).first else {
            return
        }
        let current: String = row["email"]
        let former = try db.values(String.self, "SELECT email FROM customer_emails WHERE customer_id = ? AND email != ? ORDER BY email",
                                   [id, current])
        try db.run("INSERT INTO customer_search (rowid, text) VALUES (?, ?)",
                   [id, text(name: row["name"], emails: [current] + former)])
    }

    /// Fills the index from scratch (the migration that creates it).
    static func rebuild(in db: Database) throws {
        try db.execute(sql: "DELETE FROM customer_search")
        let former = try Row.fetchAll(db, sql: """
            SELECT e.customer_id, e.email FROM customer_emails e JOIN customers c ON c.id = e.customer_id
            WHERE e.email != c.email ORDER BY e.customer_id, e.email
            """)
        var aliases: [Int64: [String]] = [:]
        for row in former { aliases[row["customer_id"], default: []].append(row["email"]) }
        let insert = try db.makeStatement(sql: "INSERT INTO customer_search (rowid, text) VALUES (?, ?)")
        let customers = try Row.fetchCursor(db, sql: "SELECT id, email, name FROM customers WHERE erased_at IS NULL ORDER BY id")
        while let row = try customers.next() {
            let id: Int64 = row["id"]
            try insert.execute(arguments: [id, text(name: row["name"], emails: [row["email"]] + (aliases[id] ?? []))])
        }
    }

    /// How a folded query is looked up.
    enum Lookup: Equatable {
        /// Every customer (an empty query).
        case everyone
        /// An FTS5 phrase: a substring (three characters or more) or a word start (two).
        case phrase(String)
        /// The start of an email, current or former (one character: too short for a trigram).
        case emailPrefix(String)
    }

    /// The lookup for what someone typed.
    static func lookup(_ query: String) -> Lookup {
        let folded = fold(query)
        switch folded.unicodeScalars.count {
        case 0: return .everyone
        case 1: return .emailPrefix(folded)
        case 2: return .phrase(quoted(" " + folded))
        default: return .phrase(quoted(folded))
        }
    }

    /// An FTS5 string: inside double quotes, quotes doubled; the trigram tokenizer then reads
    /// it as the phrase of its consecutive trigrams, which is a substring match.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
