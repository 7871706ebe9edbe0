/// One thing wrong with a mapping file, located by file, line and key.
public struct MappingIssue: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when the problem has a place in the file.
    public var line: Int?
    public var column: Int?
    /// The key path, as in `routes[2].courses[0]`.
    public var key: String
    public var message: String

    public init(file: String, line: Int?, column: Int? = nil, key: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `file:line:column: key: message`, the form editors and terminals link to.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}

/// A mapping file that cannot be used, with every reason at once.
public struct MappingRejection: Error, Sendable, CustomStringConvertible {
    public var issues: [MappingIssue]

    public init(issues: [MappingIssue]) { self.issues = issues }

    public var description: String {
        let noun = issues.count == 1 ? "problem" : "problems"
        return (["mapping rejected, \(issues.count) \(noun):"] + issues.map { "  \($0)" })
            .joined(separator: "\n")
    }
}
