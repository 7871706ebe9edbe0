import AccessKernel
import Foundation

/// Facts written as the golden files write them, and where two such texts differ.
enum FactDiff {
    /// The canonical text of facts: `Fact.makeEncoder()`, pretty-printed.
    static func text(_ facts: [Fact]) -> String {
        let encoder = Fact.makeEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(facts) else { return "<facts that do not encode>" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The first lines where `actual` departs from `expected`, with a little context;
    /// `nil` when they are the same.
    static func difference(expected: [Fact], actual: [Fact]) -> String? {
        let left = text(expected).split(separator: "\n", omittingEmptySubsequences: false)
        let right = text(actual).split(separator: "\n", omittingEmptySubsequences: false)
        guard left != right else { return nil }
        let first = zip(left, right).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(left.count, right.count)
        var lines = ["expected \(expected.count) fact(s), got \(actual.count); first difference at line \(first + 1):"]
        lines += left[max(0, first - 2)..<first].map { "    \($0)" }
        lines += left[first..<min(first + 4, left.count)].map { "  - \($0)" }
        lines += right[first..<min(first + 4, right.count)].map { "  + \($0)" }
        return lines.joined(separator: "\n")
    }
}
