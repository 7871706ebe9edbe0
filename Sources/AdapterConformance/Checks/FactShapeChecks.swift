import Foundation

import AccessKernel

extension FixtureRun {
    /// Facts carry the instance and non-empty keys, unique in a delivery; and one key
    /// never names two different facts across the fixtures (it would drop one of them).
    func factShapeChecks() -> [ConformanceCheck] {
        var shapeProblems: [String] = []
        var keyProblems: [String] = []
        var byKey: [FactKey: (fixture: String, fact: Fact)] = [:]
        for fixture in deliveries {
            let facts = outcome(of: fixture).facts
            var seen = Set<FactKey>()
            for fact in facts {
                if fact.instance != suite.instance.id {
                    shapeProblems.append("\(fixture.fileName): fact \(fact.key) has instance \"\(fact.instance)\", not \"\(suite.instance.id)\"")
                }
                if fact.key.rawValue.trimmingCharacters(in: .whitespaces).isEmpty {
                    shapeProblems.append("\(fixture.fileName): a \(fact.event.kindName) fact has an empty key")
                }
                if !seen.insert(fact.key).inserted {
                    shapeProblems.append("\(fixture.fileName): key \(fact.key) is used twice in one delivery")
                }
                if let earlier = byKey[fact.key], earlier.fact != fact {
                    keyProblems.append("\(earlier.fixture) and \(fixture.fileName) both give key \(fact.key) for different facts")
                } else {
                    byKey[fact.key] = (fixture.fileName, fact)
                }
            }
        }
        return [.from("facts carry the instance and non-empty unique keys", problems: shapeProblems),
                .from("one key never names two different facts", problems: keyProblems)]
    }
}
