/// The result of a conformance run: every check by name, passed or failed, with why.
public struct ConformanceReport: Sendable, CustomStringConvertible {
    /// The adapter kind that was checked (`thrivecart`).
    public var adapter: String
    public var checks: [ConformanceCheck]

    public init(adapter: String, checks: [ConformanceCheck]) {
        self.adapter = adapter
        self.checks = checks
    }

    /// The checks that failed; empty when the adapter conforms.
    public var failures: [ConformanceCheck] { checks.filter { !$0.passed } }

    /// Whether the check `name` ran and failed (for tests of the suite itself).
    public func failed(_ name: String) -> Bool { failures.contains { $0.name == name } }

    /// A readable listing: one line per check, failure details indented below it.
    public var description: String {
        var lines = ["conformance of \(adapter): \(checks.count) checks, \(failures.count) failing"]
        for check in checks {
            lines.append("  \(check.passed ? "PASS" : "FAIL") \(check.name)")
            if !check.detail.isEmpty {
                lines += check.detail.split(separator: "\n", omittingEmptySubsequences: false).map { "       \($0)" }
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// One named check of a conformance run.
public struct ConformanceCheck: Sendable, Hashable {
    /// What was checked (`golden order.success.form`, `wrong secret is refused`).
    public var name: String
    public var passed: Bool
    /// Why it failed (every offending fixture), or a note on a pass; empty otherwise.
    public var detail: String

    public init(name: String, passed: Bool, detail: String = "") {
        self.name = name
        self.passed = passed
        self.detail = detail
    }

    /// A check that passes when `problems` is empty and lists them otherwise.
    static func from(_ name: String, problems: [String], note: String = "", limit: Int = 12) -> ConformanceCheck {
        guard !problems.isEmpty else { return ConformanceCheck(name: name, passed: true, detail: note) }
        var lines = Array(problems.prefix(limit))
        if problems.count > limit { lines.append("… and \(problems.count - limit) more") }
        return ConformanceCheck(name: name, passed: false, detail: lines.joined(separator: "\n"))
    }
}
