import AccessKernel
import Crypto
import Foundation
import Yams

/// A mapping file read and checked: the kernel's ``Mapping`` plus where it came from.
///
/// One YAML file holds courses, provider instances, routes and policies (later sinks and
/// mail). A file with any problem is rejected whole, with every problem located.
public struct MappingFile: Sendable {
    public var mapping: Mapping
    /// Sinks, mail and delivery settings.
    public var outbound: OutboundSettings
    /// The customer hub's address and what customers may do there.
    public var hub = HubSettings()
    /// Path as given, used in messages.
    public var path: String
    /// SHA-256 of the file's bytes, hex: the identity of a mapping version.
    public var hash: String
    public var text: String
    /// Things worth knowing that do not stop the file from serving (an unset `env:` secret
    /// at check time).
    public var warnings: [MappingIssue]

    /// Reads and checks the file at `path`.
    public static func load(path: String, kinds: [ProviderKind],
                            environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(MappingRejection) -> MappingFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MappingRejection(issues: [MappingIssue(file: path, line: nil, key: "",
                                                         message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try parse(text, path: path, kinds: kinds, environment: environment)
    }

    /// Checks mapping text; `path` only names it in messages.
    public static func parse(_ text: String, path: String, kinds: [ProviderKind],
                             environment: [String: String] = [:]) throws(MappingRejection) -> MappingFile {
        let root: Node
        do {
            // The basic resolver: values are read as the reader asks for them (text, number,
            // true/false), so YAML's implicit typing by regular expression, most of the time
            // a 10,000-route file took to parse, is not needed.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw MappingRejection(issues: [MappingIssue(file: path, line: 1, key: "", message: "the file is empty")])
            }
            root = node
        } catch let rejection as MappingRejection {
            throw rejection
        } catch let error as YamlError {
            throw MappingRejection(issues: [syntaxIssue(error, path: path)])
        } catch {
            throw MappingRejection(issues: [MappingIssue(file: path, line: nil, key: "", message: "not YAML: \(error)")])
        }
        var reader = MappingReader(file: path, kinds: kinds, environment: environment)
        let mapping = reader.read(root)
        guard reader.issues.isEmpty, let mapping else {
            throw MappingRejection(issues: reader.issues.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) })
        }
        let hash = Self.hash(of: text)
        var file = MappingFile(mapping: mapping, outbound: reader.outbound, path: path, hash: hash, text: text, warnings: reader.warnings)
        file.hub = reader.hub
        return file
    }

    /// The identity of a mapping version: SHA-256 of the file's text, hex.
    public static func hash(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func syntaxIssue(_ error: YamlError, path: String) -> MappingIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return MappingIssue(file: path, line: mark.line, column: mark.column, key: "", message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return MappingIssue(file: path, line: context.mark.line, column: context.mark.column, key: duplicates.joined(separator: ", "),
                                message: "the same key is given twice in one mapping")
        default:
            return MappingIssue(file: path, line: nil, key: "", message: "YAML: \(error)")
        }
    }
}
