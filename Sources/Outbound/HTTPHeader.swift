/// One header line of a request or a response, as sent or received (names keep their case).
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, for example `Content-Type`.
    public var name: String
    /// The field value, without surrounding white space.
    public var value: String

    /// A field named `name` with `value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HTTPHeader {
    /// The value of the first field named `name`, compared without regard to case.
    public subscript(name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of the fields named `name`, compared without regard to case, in order.
    public func values(named name: String) -> [String] {
        filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}
