import AccessKernel
import AdapterKit

extension FixtureRun {
    /// Test-mode deliveries give test facts, live ones live facts; an instance that does
    /// not accept test events ignores test deliveries and decodes live ones as before.
    func testModeChecks() -> [ConformanceCheck] {
        var modeProblems: [String] = []
        var ignoreProblems: [String] = []
        var liveOnlyInstance = suite.instance
        liveOnlyInstance.acceptsTestEvents = false
        let liveOnly: Adapter?
        do throws(AdapterError) {
            liveOnly = try Adapter(instance: liveOnlyInstance)
        } catch {
            liveOnly = nil
            ignoreProblems.append("init(instance:) with acceptsTestEvents = false threw \(error)")
        }
        let testFixtures = deliveries.filter(\.isTestMode)
        for fixture in deliveries {
            let result = outcome(of: fixture)
            let wanted: Mode = fixture.isTestMode ? .test : .live
            if case .facts(let facts) = result, let wrong = facts.first(where: { $0.mode != wanted }) {
                modeProblems.append("\(fixture.fileName): fact \(wrong.key) has mode \(wrong.mode.rawValue), not \(wanted.rawValue)")
            }
            if fixture.isTestMode, result.facts.isEmpty {
                modeProblems.append("\(fixture.fileName) is a test-mode fixture but gave \(result.summary)")
            }
            guard let liveOnly else { continue }
            let filtered = outcome(suite.request(fixture), with: liveOnly)
            if fixture.isTestMode {
                if case .ignored = filtered { continue }
                ignoreProblems.append("\(fixture.fileName) to an instance without test events: \(filtered.summary), not ignored")
            } else if filtered != result {
                ignoreProblems.append("\(fixture.fileName) (live) to an instance without test events: \(filtered.summary) instead of \(result.summary)")
            }
        }
        let note = testFixtures.isEmpty ? "no fixture has a test-mode segment: test mode is unchecked" : ""
        return [.from("test-mode deliveries give test facts", problems: modeProblems, note: note),
                .from("test events are ignored when the instance does not accept them", problems: ignoreProblems, note: note)]
    }
}
