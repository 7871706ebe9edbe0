/// A decoded ThriveCart body: the nested structure that PHP bracket keys
/// (`order[charges][0][amount]`) and the JSON variant both describe.
///
/// Leaves are text, as PHP sees form values; JSON numbers and booleans are turned into
/// the text PHP would have sent (`2700`, `1`, `0`) so both encodings read alike.
enum FormValue: Sendable, Equatable {
    case text(String)
    case table(FormTable)

    /// The text of a leaf, or `nil` for a table.
    var text: String? {
        if case .text(let value) = self { value } else { nil }
    }

    /// The table of a branch, or `nil` for a leaf.
    var table: FormTable? {
        if case .table(let value) = self { value } else { nil }
    }
}

/// Named values in the order they first arrived; lists are tables with integer keys.
///
/// Entries are kept in an array and found by a linear scan: ThriveCart tables hold a few
/// dozen short keys, where comparing strings beats hashing them. A table that grows past
/// ``indexThreshold`` keys (only a hostile body makes one) gets a hash index, so that no
/// body can make reading quadratic. A branch is mutated in place while a form body is
/// read (no copy of a branch per field).
struct FormTable: Sendable {
    private struct Entry: Sendable {
        var key: String
        var value: FormValue
    }

    private var entries: [Entry] = []
    /// Positions by key, once the table is larger than ``indexThreshold``.
    private var index: [String: Int]?
    static let indexThreshold = 48
    /// The index PHP gives the next `[]` entry: one past the largest integer key.
    private var nextIndex = 0

    init() {}

    /// The keys in arrival order.
    var keys: [String] { entries.map(\.key) }

    var isEmpty: Bool { entries.isEmpty }

    subscript(key: String) -> FormValue? {
        position(of: key).map { entries[$0].value }
    }

    /// Where `key` is; lengths are compared first, which settles most misses cheaply.
    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        let length = key.utf8.count
        return entries.firstIndex { $0.key.utf8.count == length && $0.key == key }
    }

    private mutating func append(_ entry: Entry) {
        entries.append(entry)
        if index != nil {
            index?[entry.key] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            index = Dictionary(entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        noteIndex(entry.key)
    }

    /// Sets `value` for `key`, keeping the key's first position when it was already set.
    mutating func set(_ value: FormValue, for key: String) {
        if let index = position(of: key) {
            entries[index].value = value
        } else {
            append(Entry(key: key, value: value))
        }
    }

    /// Stores `text` at `path`; a `nil` step appends (`purchase_map[]`). A later value
    /// replaces an earlier one, and a branch replaces a leaf, as PHP does.
    mutating func insert(_ text: String, at path: ArraySlice<String?>) {
        guard let step = path.first else { return }
        let key = step ?? String(nextIndex)
        let rest = path.dropFirst()
        let index: Int
        if let existing = position(of: key) {
            index = existing
        } else {
            append(Entry(key: key, value: .text("")))
            index = entries.count - 1
        }
        guard !rest.isEmpty else {
            entries[index].value = .text(text)
            return
        }
        // Take the branch out so that it is uniquely referenced while it is mutated.
        var branch = entries[index].value.table ?? FormTable()
        entries[index].value = .text("")
        branch.insert(text, at: rest)
        entries[index].value = .table(branch)
    }

    private mutating func noteIndex(_ key: String) {
        if let number = Int(key), number >= nextIndex { nextIndex = number &+ 1 }
    }

    /// The values as a list: by integer key when every key is an integer (PHP lists and
    /// JSON objects with numeric keys), otherwise in arrival order.
    var elements: [FormValue] {
        let numbered = entries.compactMap { entry in Int(entry.key).map { (index: $0, value: entry.value) } }
        guard numbered.count == entries.count else { return entries.map(\.value) }
        return numbered.sorted { $0.index < $1.index }.map(\.value)
    }

    /// The value at a path of keys (`["order", "charges"]`), if every step exists.
    func value(at path: [String]) -> FormValue? { value(at: path[...]) }

    private func value(at path: ArraySlice<String>) -> FormValue? {
        guard let first = path.first, let head = self[first] else { return nil }
        if path.count == 1 { return head }
        return head.table?.value(at: path.dropFirst())
    }

    /// The trimmed text at a path, or `nil` when it is absent, empty, a table, or the
    /// word `null` (which ThriveCart writes for absent values).
    func text(at path: [String]) -> String? {
        guard let raw = value(at: path[...])?.text else { return nil }
        let trimmed = Self.trimmed(raw)
        return trimmed.isEmpty || trimmed == "null" ? nil : trimmed
    }

    /// Text without the spaces, tabs and line breaks around it (ASCII only, as form
    /// senders pad), without Foundation's NSString round trip.
    private static func trimmed(_ text: String) -> String {
        let isPadding: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, isPadding(first) || isPadding(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isPadding($0) }),
              let end = utf8.lastIndex(where: { !isPadding($0) }) else { return "" }
        return String(text.utf8[start...end]) ?? text
    }
}

extension FormTable: Equatable {
    /// Equal when they hold the same values by name: arrival order is kept for reading
    /// lists, but JSON objects have none, so it is no part of equality.
    static func == (lhs: FormTable, rhs: FormTable) -> Bool {
        lhs.entries.count == rhs.entries.count && lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
    }
}
