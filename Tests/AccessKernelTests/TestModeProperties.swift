import AccessKernel
import Foundation
import Testing

/// Test-mode facts never open a live course.
@Suite("Property: test mode")
struct TestModeProperties {
    @Test("in streams mixing modes, every active live course is explained by a live source")
    func activeLiveCoursesHaveLiveSources() {
        Property.check("live courses need live sources", seed: 0x5EED_0003) { random in
            let scenario = ScenarioGenerator().scenario(using: &random)
            let modes = Dictionary(scenario.facts.map { ($0.key, $0.mode) }, uniquingKeysWith: { first, _ in first })
            let access = scenario.derived()
            for (course, state) in access where state.isActive && scenario.mapping.courses[course]?.isTestCourse != true {
                let explained = state.causes.contains { cause in
                    (cause.role == .purchase || cause.role == .grant) && modes[cause.fact] == .live
                }
                if !explained {
                    return .fails("\(scenario)\n\(course) is active without a live source:\n\(access.report)")
                }
            }
            return .holds
        }
    }

    @Test("removing the test-mode purchases of a stream changes nothing on its live courses")
    func testPurchasesDoNotTouchLiveCourses() {
        Property.check("test purchases leave live courses alone", seed: 0x5EED_0004) { random in
            var scenario = ScenarioGenerator().scenario(using: &random)
            for _ in 0..<50 where !scenario.facts.contains(where: Self.isTestSource) {
                scenario = ScenarioGenerator().scenario(using: &random)
            }
            var liveOnly = scenario
            liveOnly.facts.removeAll(where: Self.isTestSource)
            guard liveOnly.facts.count < scenario.facts.count else { return .discarded }
            let isLive = { (course: String) in scenario.mapping.courses[course]?.isTestCourse != true }
            let mixed = scenario.derived().filter { isLive($0.key) }
            let live = liveOnly.derived().filter { isLive($0.key) }
            if mixed != live {
                return .fails("\(scenario)\nwith test purchases:\n\(mixed.report)\nwithout:\n\(live.report)")
            }
            return .holds
        }
    }

    /// A test-mode fact that could open a course: a purchase or a grant.
    static func isTestSource(_ fact: Fact) -> Bool {
        guard fact.mode == .test else { return false }
        switch fact.event {
        case .purchase: return true
        case .admin(let admin): if case .grant = admin.action { return true } else { return false }
        default: return false
        }
    }
}
