/// A Stripe API object as an ordered tree: Stripe writes `null` for absent values and a
/// fixed field order, which ``PayloadValue`` (made for PHP payloads) has no room for.
public indirect enum StripeJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([StripeJSON])
    /// Named fields in the order Stripe writes them (`id`, `object`, then by name).
    case object([StripeField])

    /// An object from ordered name/value pairs.
    public static func fields(_ pairs: KeyValuePairs<String, StripeJSON>) -> StripeJSON {
        .object(pairs.map { StripeField($0.key, $0.value) })
    }

    /// A string, or `null` when `nil`.
    public static func string(_ text: String?) -> StripeJSON { text.map { .string($0) } ?? .null }

    /// An integer, or `null` when `nil`.
    public static func integer(_ number: Int64?) -> StripeJSON { number.map { .integer($0) } ?? .null }

    /// The object's field `name`; setting `nil` removes it, setting a new name appends it.
    public subscript(name: String) -> StripeJSON? {
        get {
            guard case .object(let fields) = self else { return nil }
            return fields.first { $0.name == name }?.value
        }
        set {
            guard case .object(var fields) = self else { return }
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append(StripeField(name, newValue))
            }
            self = .object(fields)
        }
    }

    /// The value at a path of field names (`["data", "object", "payment_status"]`), for
    /// tests that change one field deep inside an event.
    public subscript(path path: [String]) -> StripeJSON? {
        get {
            guard let first = path.first else { return self }
            return self[first]?[path: Array(path.dropFirst())]
        }
        set {
            guard let first = path.first else {
                if let newValue { self = newValue }
                return
            }
            if path.count == 1 {
                self[first] = newValue
            } else {
                var child = self[first] ?? .object([])
                child[path: Array(path.dropFirst())] = newValue
                self[first] = child
            }
        }
    }
}

/// One named field of a ``StripeJSON/object(_:)``.
public struct StripeField: Sendable, Hashable {
    public var name: String
    public var value: StripeJSON

    public init(_ name: String, _ value: StripeJSON) {
        self.name = name
        self.value = value
    }
}

extension StripeJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
}
