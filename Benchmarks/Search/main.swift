import AccessStore
import Foundation

// Customer search on a million customers: fills a fresh store (direct SQL, see
// SyntheticCustomers), builds the search index through the store's migration, then times
// searchCustomers as the support desk calls it, and prints a Markdown table of p50/p99.
//
//   search-bench [--customers N] [--runs R] [--db PATH]     (defaults: 1000000, 200, a temp file)

var customers = 1_000_000
var runs = 200
var path: String?
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else {
        FileHandle.standardError.write(Data("\(flag) needs a value\n".utf8))
        exit(2)
    }
    switch flag {
    case "--customers": customers = Int(value) ?? customers
    case "--runs": runs = Int(value) ?? runs
    case "--db": path = value
    default:
        FileHandle.standardError.write(Data("unknown argument \(flag)\nusage: search-bench [--customers N] [--runs R] [--db PATH]\n".utf8))
        exit(2)
    }
}

let file = path ?? FileManager.default.temporaryDirectory.appendingPathComponent("search-bench-\(UUID().uuidString).sqlite").path
let clock = ContinuousClock()
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let fresh = !FileManager.default.fileExists(atPath: file)
if fresh {
    _ = try SQLiteStore(path: file)
    let fill = try clock.measure {
        try SyntheticCustomers.insert(count: customers, into: file) { done in
            if done % 200_000 == 0 || done == customers { print("  inserted \(done) customers") }
        }
    }
    print("filled \(customers) customers (direct SQL) in \(String(format: "%.1f", milliseconds(fill) / 1000)) s")
    try SyntheticCustomers.forgetSearchIndex(at: file)
}
var store: SQLiteStore?
let migration = try clock.measure { store = try SQLiteStore(path: file) }
guard let store else { exit(1) }
if fresh { print("search index built by the migration in \(String(format: "%.1f", milliseconds(migration) / 1000)) s") }

/// Runs `query(i)` `runs` times, timing each call.
@MainActor func time(_ label: String, limit: Int = 50, _ query: (Int) -> (String, Int64?)) async throws -> Percentiles {
    var samples: [Double] = []
    var rows = -1
    for i in 0..<runs {
        let (text, after) = query(i)
        let start = clock.now
        let found = try await store.searchCustomers(text, limit: limit, after: after)
        samples.append(milliseconds(clock.now - start))
        if rows < 0 { rows = found.count }
    }
    return Percentiles(label: label, samples: samples, rows: rows)
}

var random = SystemRandomNumberGenerator()
let picks = (0..<runs).map { _ in Int.random(in: 1...customers, using: &random) }
var results: [Percentiles] = []
results.append(try await time("common substring `gmail`") { _ in ("gmail", nil) })
results.append(try await time("common name `müller` (accent folded)") { _ in ("müller", nil) })
results.append(try await time("common substring, deep page (after a random id)") { i in ("mail", Int64(picks[i])) })
results.append(try await time("rare substring (7 characters of one email, random customer)") { i in
    let email = SyntheticCustomers.email(picks[i])
    guard let at = email.firstIndex(of: "@") else { return (email, nil) }
    let start = email.index(at, offsetBy: -6, limitedBy: email.startIndex) ?? email.startIndex
    return (String(email[start...].prefix(7)), nil)
})
results.append(try await time("former email (exact, random customer)") { i in ("former.\(max(10, picks[i] / 10 * 10))@", nil) })
results.append(try await time("no match `qqqzzz`") { _ in ("qqqzzz", nil) })
results.append(try await time("two characters `zo` (word start)") { _ in ("zo", nil) })
results.append(try await time("two characters, deep page") { i in ("ol", Int64(picks[i])) })
results.append(try await time("one character `k` (email start)") { _ in ("k", nil) })
results.append(try await time("one character, deep page") { i in ("j", Int64(picks[i])) })
results.append(try await time("one character, no email starts so `x`") { _ in ("x", nil) })
results.append(try await time("empty query (everyone), deep page") { i in ("", Int64(picks[i])) })

var pages: [Double] = []
var cursor: Int64?
for _ in 0..<20 {
    let start = clock.now
    let page = try await store.searchCustomers("gmail", limit: 50, after: cursor)
    pages.append(milliseconds(clock.now - start))
    cursor = page.last?.id
}
results.append(Percentiles(label: "paging `gmail`: 20 pages of 50 following the cursor", samples: pages, rows: 50))

print("")
print("customers: \(customers); runs per query: \(runs); limit 50; times in ms, store call to the returned summaries")
print("")
print("| query | runs | rows (first run) | p50 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|---:|")
for result in results { print(result.line) }
let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
print("")
print("database file: \(size / 1_000_000) MB")
if path == nil {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    print("(temporary database removed; pass --db PATH to keep it and search it again without refilling)")
}
