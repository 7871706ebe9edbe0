import Foundation
import Testing

/// What one case of a property test found.
enum Verdict {
    case holds
    /// The generated case does not meet the property's precondition; it is not counted.
    case discarded
    case fails(String)
}

/// Runs a property over many seeded cases and reports the first failing seed, so that
/// `PROPERTY_SEED=<seed> swift test --filter <test>` replays exactly that case.
enum Property {
    static let defaultRuns = 1_000

    static func check(_ name: String, seed base: UInt64, runs: Int = defaultRuns,
                      sourceLocation: SourceLocation = #_sourceLocation,
                      _ property: (inout SplitMix64) -> Verdict) {
        let seeds: [UInt64]
        if let text = ProcessInfo.processInfo.environment["PROPERTY_SEED"], let seed = UInt64(text) {
            seeds = [seed]
        } else {
            seeds = (0..<UInt64(runs)).map { base &+ $0 }
        }
        var held = 0
        for seed in seeds {
            var random = SplitMix64(seed: seed)
            switch property(&random) {
            case .holds:
                held += 1
            case .discarded:
                continue
            case .fails(let report):
                Issue.record("""
                    property "\(name)" fails for seed \(seed) \
                    (replay: PROPERTY_SEED=\(seed) swift test --filter AccessKernelTests)
                    \(report)
                    """, sourceLocation: sourceLocation)
                return
            }
        }
        if seeds.count > 1 {
            #expect(held * 10 >= seeds.count * 9,
                    "property \"\(name)\" discarded too many cases: \(held) of \(seeds.count) held",
                    sourceLocation: sourceLocation)
        }
    }
}
