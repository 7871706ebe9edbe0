import AccessKernel

extension FixtureRun {
    /// Each fixture with an expected file decodes to exactly what the file says.
    func goldenChecks() -> [ConformanceCheck] {
        directory.fixtures.compactMap { fixture in
            guard let expectation = directory.expectations[fixture.name] else { return nil }
            let name = "golden \(fixture.fileName)"
            let actual = outcome(of: fixture)
            switch (expectation, actual) {
            case (.facts(let expected), .facts(let facts)):
                guard let difference = FactDiff.difference(expected: expected, actual: facts) else {
                    return ConformanceCheck(name: name, passed: true)
                }
                return ConformanceCheck(name: name, passed: false, detail: difference)
            case (.ignored(let reason), .ignored(let actualReason)):
                let passed = reason.map { $0 == actualReason } ?? true
                return ConformanceCheck(name: name, passed: passed,
                                        detail: passed ? "" : "expected ignored (\(reason ?? "")), got ignored (\(actualReason))")
            case (.refused(let kind), .refused(let error)):
                let passed = error.kind.rawValue == kind
                return ConformanceCheck(name: name, passed: passed,
                                        detail: passed ? "" : "expected refused \(kind), got \(actual.summary)")
            case (.facts(let expected), _):
                return ConformanceCheck(name: name, passed: false,
                                        detail: "expected \(expected.count) fact(s), got \(actual.summary)")
            case (.ignored, _):
                return ConformanceCheck(name: name, passed: false, detail: "expected ignored, got \(actual.summary)")
            case (.refused(let kind), _):
                return ConformanceCheck(name: name, passed: false, detail: "expected refused \(kind), got \(actual.summary)")
            }
        }
    }
}
