import AccessKernel
import Foundation
import Testing

/// Duplicate deliveries and arrival order never change the derived access.
@Suite("Property: order independence")
struct OrderIndependenceProperties {
    @Test("any permutation of a fact stream, with duplicates inserted, derives the same access as the stream in occurrence order")
    func permutationsWithDuplicates() {
        Property.check("permutation with duplicates", seed: 0x5EED_0001) { random in
            let scenario = ScenarioGenerator().scenario(using: &random)
            var arrived = scenario.facts
            for _ in 0..<Int.random(in: 0...4, using: &random) where !scenario.facts.isEmpty {
                arrived.insert(random.pick(scenario.facts), at: Int.random(in: 0...arrived.count, using: &random))
            }
            arrived.shuffle(using: &random)
            let later = scenario.now.addingTimeInterval(Double(Int.random(in: 1...2_000, using: &random)) * 3_600)

            for now in [scenario.now, later] {
                let expected = derive(scenario.facts, mapping: scenario.mapping, now: now)
                let actual = derive(arrived, mapping: scenario.mapping, now: now)
                if expected != actual {
                    return .fails("""
                        \(scenario)
                        arrival order: \(arrived.map(\.key.rawValue))
                        at \(Scenario.offset(now)), in occurrence order:
                        \(expected.report)
                        in arrival order:
                        \(actual.report)
                        """)
                }
            }
            return .holds
        }
    }
}
