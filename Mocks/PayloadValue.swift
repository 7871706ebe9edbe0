/// A provider payload as an ordered tree, so that one description can be written in
/// each encoding the provider uses (form with PHP bracket keys, or JSON) field for field.
public indirect enum PayloadValue: Sendable, Hashable {
    case text(String)
    case number(Int64)
    case bool(Bool)
    case list([PayloadValue])
    /// Named fields in the order the provider writes them.
    case object([PayloadField])

    /// An object from ordered name/value pairs; `nil` values are left out.
    public static func fields(_ pairs: KeyValuePairs<String, PayloadValue?>) -> PayloadValue {
        .object(pairs.compactMap { pair in pair.value.map { PayloadField(pair.key, $0) } })
    }

    /// The object's field `name`, for tests that tweak one field of a built payload.
    public subscript(name: String) -> PayloadValue? {
        get {
            guard case .object(let fields) = self else { return nil }
            return fields.first { $0.name == name }?.value
        }
        set {
            guard case .object(var fields) = self else { return }
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append(PayloadField(name, newValue))
            }
            self = .object(fields)
        }
    }
}

/// One named field of a ``PayloadValue/object(_:)``.
public struct PayloadField: Sendable, Hashable {
    public var name: String
    public var value: PayloadValue

    public init(_ name: String, _ value: PayloadValue) {
        self.name = name
        self.value = value
    }
}

extension PayloadValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}
