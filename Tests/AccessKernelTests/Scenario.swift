import AccessKernel
import Foundation

/// A generated customer history: a mapping, the facts in occurrence order, and the time
/// access is derived at. Its description is the reproduction printed by a failing property.
struct Scenario: CustomStringConvertible {
    var mapping: Mapping
    var facts: [Fact]
    var now: Date

    func derived() -> [String: AccessState] { derive(facts, mapping: mapping, now: now) }

    /// The time after every fact of the stream.
    var end: Date { facts.map(\.occurredAt).max() ?? Clock.start }

    var description: String {
        var lines = ["mapping:"]
        for course in mapping.courses.values.sorted(by: { $0.id < $1.id }) {
            lines.append("  course \(course.id)\(course.published ? "" : " unpublished")\(course.isTestCourse ? " test" : "")")
        }
        for instance in mapping.instances.values.sorted(by: { $0.id < $1.id }) {
            lines.append("  instance \(instance.id) \(instance.policies)")
        }
        for route in mapping.routes.values.sorted(by: { $0.key.description < $1.key.description }) {
            lines.append("  route \(route.key) -> \(route.courses) days \(route.accessDays.map(String.init) ?? "-") "
                         + "\(route.policies)")
        }
        lines.append("facts (occurrence order):")
        lines += facts.map { "  " + Self.describe($0) }
        lines.append("now: \(Self.offset(now))")
        return lines.joined(separator: "\n")
    }

    static func describe(_ fact: Fact) -> String {
        "\(fact.key) \(offset(fact.occurredAt)) \(fact.mode) \(fact.instance) \(fact.event)"
    }

    /// A date as hours after ``Clock/start``, short enough to read in a failure report.
    static func offset(_ date: Date) -> String {
        "+\(Int(date.timeIntervalSince(Clock.start)) / 3_600)h"
    }
}

extension Dictionary where Key == String, Value == AccessState {
    /// One line per course, sorted, for failure reports.
    var report: String {
        sorted { $0.key < $1.key }
            .map { "  \($0.key): \($0.value.status) \($0.value.causes.map { "\($0.fact)/\($0.role.rawValue)" })" }
            .joined(separator: "\n")
    }
}
