import AdapterKit

extension FixtureRun {
    /// A delivery made with a wrong, nearly right, or empty secret is `unauthenticated`.
    func secretChecks() -> [ConformanceCheck] {
        let secret = suite.secret
        let nearMiss = String(secret.dropLast()) + (secret.last == "x" ? "y" : "x")
        let forgeries = [("a secret differing in its last character", nearMiss),
                         ("another secret", "not-\(secret)"),
                         ("an empty secret", "")]
        var problems: [String] = []
        for fixture in deliveries {
            for (label, forged) in forgeries {
                let result = outcome(suite.request(fixture, variant: label, secret: forged))
                if result.refusal != .unauthenticated {
                    problems.append("\(fixture.fileName) with \(label): \(result.summary), not refused unauthenticated")
                }
            }
        }
        return [.from("a wrong secret is refused as unauthenticated", problems: problems)]
    }
}
