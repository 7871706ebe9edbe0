extension FixtureRun {
    /// The `unknown-event` fixtures are answered `ignored`.
    func unknownEventChecks() -> [ConformanceCheck] {
        let fixtures = directory.fixtures.filter(\.isUnknownEvent)
        var problems = fixtures.isEmpty ? ["no unknown-event.EXT fixture: add a delivery whose event type the provider never sends"] : []
        for fixture in fixtures {
            let result = outcome(of: fixture)
            if case .ignored = result { continue }
            problems.append("\(fixture.fileName): \(result.summary), not ignored")
        }
        return [.from("an unknown event is ignored", problems: problems)]
    }
}
