import AccessKernel
import Foundation
import GRDB

/// Fills a store's tables with synthetic customers straight through SQL, for the benchmark
/// only: recording a million purchases through the store's normal path would take most of
/// an hour on two cores. Names mix accented and plain spellings; one customer in ten has a
/// former email; everyone has access to one of four courses.
enum SyntheticCustomers {
    static let firstNames = ["Anna", "Zoë", "María", "John", "Peter", "Lukas", "Sofía", "Emma", "Noah", "Liam", "Olivia",
                             "José", "Inès", "Björn", "Chloé", "Mateo", "Aiko", "Priya", "Kwame", "Olga"]
    static let lastNames = ["Müller", "Schmidt", "García", "Smith", "Johnson", "Brown", "Martin", "Bernard", "Dubois",
                            "Rossi", "Bianchi", "Nowak", "Søndergaard", "Ng", "Okafor", "Kowalski", "Lefèvre", "Ødegård"]
    static let domains = ["gmail.com", "yahoo.com", "example.org", "outlook.com", "web.de", "proton.me"]
    static let courses = ["web-basics", "css", "community", "bonus"]

    /// Customer `n`'s plain email (the one searches for "rare" fragments pick from).
    static func email(_ n: Int) -> String {
        let first = plain(firstNames[n % firstNames.count]), last = plain(lastNames[(n / 7) % lastNames.count])
        return "\(first).\(last)\(n)@\(domains[(n / 3) % domains.count])"
    }

    static func name(_ n: Int) -> String { "\(firstNames[n % firstNames.count]) \(lastNames[(n / 7) % lastNames.count])" }

    private static func plain(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// Inserts customers 1…`count`, their emails and access rows, in batches of 50,000.
    static func insert(count: Int, into path: String, progress: (Int) -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        let active = String(decoding: try Fact.makeEncoder().encode(AccessState(status: .active(until: nil))), as: UTF8.self)
        let createdAt = Int64(Date().timeIntervalSince1970 * 1000)
        var next = 1
        while next <= count {
            let last = min(count, next + 49_999)
            try queue.write { db in
                let customer = try db.makeStatement(sql: "INSERT INTO customers (id, email, name, created_at) VALUES (?, ?, ?, ?)")
                let email = try db.makeStatement(sql: "INSERT INTO customer_emails (email, customer_id, added_at) VALUES (?, ?, ?)")
                let access = try db.makeStatement(sql: """
                    INSERT INTO access (customer_id, course_id, status, until, state, changed_at) VALUES (?, ?, 'active', NULL, ?, ?)
                    """)
                for n in next...last {
                    try customer.execute(arguments: [n, Self.email(n), Self.name(n), createdAt])
                    try email.execute(arguments: [Self.email(n), n, createdAt])
                    if n % 10 == 0 { try email.execute(arguments: ["former.\(n)@oldmail.net", n, createdAt]) }
                    try access.execute(arguments: [n, courses[n % courses.count], active, createdAt])
                }
            }
            progress(last)
            next = last + 1
        }
    }

    /// Makes the next opening of the store run the search migration again, which builds the
    /// index from the customers table through the store's own code.
    static func forgetSearchIndex(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                DROP TABLE customer_search;
                DROP TRIGGER facts_body_append_only;
                DELETE FROM grdb_migrations WHERE identifier LIKE 'v5:%';
                """)
        }
    }
}
