import AccessKernel
import AdapterConformance
import AdapterKit
import Mocks
import Testing
import ThriveCart

@Suite struct ThriveCartConformance {
    @Test func thriveCartAdapterPassesTheConformanceSuiteOnTheRecordedFixtures() throws {
        let directory = Fixtures.thriveCart
        let recordedSecret = ThriveCartScenario.secretWord
        let suite = try ConformanceSuite<ThriveCartAdapter>(fixturesDirectory: directory) { delivery in
            ThriveCartRequest.make(body: delivery.body, encoding: BodyEncoding(fileExtension: delivery.fileExtension) ?? .form,
                                   secret: delivery.secret, recordedSecret: recordedSecret, receivedAt: delivery.receivedAt)
        }
        let report = suite.run()
        print(report)
        #expect(report.failures.isEmpty, "\(report)")
        #expect(report.checks.filter { $0.name.hasPrefix("golden ") }.count == ThriveCartScenario.deliveries.count * 2,
                "every recorded delivery has a golden check in each encoding")
    }

    @Test func recordedInstanceIsTheScenarioInstance() throws {
        let instance = try AdapterInstance(fixtureFile: Fixtures.thriveCart.appendingPathComponent("instance.json"))
        #expect(instance == ThriveCartTesting.instance)
    }
}
