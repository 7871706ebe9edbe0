import Foundation

extension FixtureRun {
    /// The same delivery twice gives the same keys (whenever it arrives), and decoding
    /// gives the same answer every time.
    func repeatabilityChecks() -> [ConformanceCheck] {
        var keyProblems: [String] = []
        var determinismProblems: [String] = []
        for fixture in deliveries {
            let first = outcome(of: fixture)
            let later = outcome(suite.request(fixture, variant: "an hour later",
                                              receivedAt: suite.receivedAt.addingTimeInterval(3600)))
            let keys = first.facts.map(\.key)
            let laterKeys = later.facts.map(\.key)
            if keys != laterKeys {
                keyProblems.append("\(fixture.fileName): keys \(keys.map(\.rawValue)) then \(laterKeys.map(\.rawValue))")
            }
            for attempt in 2...3 {
                let again = outcome(of: fixture)
                if again != first {
                    determinismProblems.append("\(fixture.fileName): call 1 gave \(first.summary), call \(attempt) gave \(again.summary)")
                    break
                }
            }
        }
        return [.from("the same delivery twice has the same idempotency keys", problems: keyProblems),
                .from("decoding is deterministic", problems: determinismProblems)]
    }
}
