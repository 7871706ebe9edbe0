import AccessKernel
import AdapterKit
import Foundation

/// One run of the suite over a loaded fixtures directory with a working adapter; the
/// checks are its extensions in `Checks/`.
struct FixtureRun<Adapter: ProviderAdapter> {
    let suite: ConformanceSuite<Adapter>
    let adapter: Adapter
    let directory: FixtureDirectory

    /// The fixtures that are genuine deliveries (not ones recorded to be refused).
    var deliveries: [ConformanceFixture] {
        directory.fixtures.filter {
            if case .refused = directory.expectations[$0.name] { false } else { true }
        }
    }

    /// One fixture of each encoding, for checks that need a body per encoding.
    var onePerEncoding: [ConformanceFixture] {
        var seen = Set<String>()
        return deliveries.filter { seen.insert($0.fileExtension).inserted }
    }

    func outcome(_ request: InboundRequest, with adapter: Adapter? = nil) -> Outcome {
        Outcome.of(adapter ?? self.adapter, request)
    }

    func outcome(of fixture: ConformanceFixture) -> Outcome {
        outcome(suite.request(fixture))
    }
}
