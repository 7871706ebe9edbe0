import Yams

/// Walks a YAML node tree, remembering where each value came from and collecting every
/// problem instead of stopping at the first.
struct NodeReader {
    let file: String
    private(set) var issues: [MappingIssue] = []

    init(file: String) { self.file = file }

    mutating func report(_ node: Node?, _ key: String, _ message: String) {
        issues.append(MappingIssue(file: file, line: node?.mark?.line, column: node?.mark?.column,
                                   key: key, message: message))
    }

    /// The pairs of a mapping node, reporting keys outside `allowed` and duplicate keys.
    mutating func pairs(_ node: Node, _ key: String, allowed: Set<String>? = nil) -> [(String, Node, Node)] {
        guard let mapping = node.mapping else {
            report(node, key, "expected a mapping of keys to values")
            return []
        }
        var seen = Set<String>()
        var result: [(String, Node, Node)] = []
        for (name, value) in mapping {
            guard let text = name.string else {
                report(name, key, "keys must be text")
                continue
            }
            let path = key.isEmpty ? text : "\(key).\(text)"
            if !seen.insert(text).inserted {
                report(name, path, "the key \(text) is given twice")
                continue
            }
            if let allowed, !allowed.contains(text) {
                report(name, path, "unknown key \(text); expected one of: \(allowed.sorted().joined(separator: ", "))")
                continue
            }
            result.append((text, name, value))
        }
        return result
    }

    mutating func string(_ node: Node, _ key: String) -> String? {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            report(node, key, "expected a text value")
            return nil
        }
        return scalar.string
    }

    /// An absolute `scheme://host…` URL with one of `schemes`.
    mutating func url(_ node: Node, _ key: String, schemes: Set<String> = ["http", "https"]) -> String? {
        guard let text = string(node, key) else { return nil }
        guard let scheme = text.range(of: "://").map({ text[..<$0.lowerBound].lowercased() }), schemes.contains(scheme),
              text.count > scheme.count + 3 else {
            report(node, key, "expected a URL starting with \(schemes.sorted().map { "\($0)://" }.joined(separator: " or "))")
            return nil
        }
        return text
    }

    mutating func bool(_ node: Node, _ key: String) -> Bool? {
        guard let value = node.bool else {
            report(node, key, "expected true or false")
            return nil
        }
        return value
    }

    mutating func positiveInt(_ node: Node, _ key: String) -> Int? {
        guard let value = node.int, value > 0 else {
            report(node, key, "expected a whole number above 0")
            return nil
        }
        return value
    }

    mutating func strings(_ node: Node, _ key: String) -> [(String, Node)] {
        if case .scalar = node { return string(node, key).map { [($0, node)] } ?? [] }
        guard case .sequence(let sequence) = node else {
            report(node, key, "expected a list")
            return []
        }
        return sequence.enumerated().compactMap { index, item in
            string(item, "\(key)[\(index)]").map { ($0, item) }
        }
    }

    /// One of the allowed words, or a report listing them.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, _: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, key) else { return nil }
        guard let value = T(rawValue: text) else {
            report(node, key, "unknown value \(text); expected one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }
}
