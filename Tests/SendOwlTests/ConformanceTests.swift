import AccessKernel
import AdapterConformance
import AdapterKit
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlConformance {
    @Test func sendOwlAdapterPassesTheConformanceSuiteOnTheRecordedFixtures() throws {
        let suite = try ConformanceSuite<SendOwlAdapter>(fixturesDirectory: Fixtures.sendOwl) { delivery in
            SendOwlRequest.make(body: delivery.body, key: delivery.secret, receivedAt: delivery.receivedAt)
        }
        let report = suite.run()
        print(report)
        #expect(report.failures.isEmpty, "\(report)")
        #expect(report.checks.filter { $0.name.hasPrefix("golden ") }.count == SendOwlScenario.deliveries.count,
                "every recorded delivery has a golden check")
    }

    @Test func recordedInstanceIsTheScenarioInstance() throws {
        let instance = try AdapterInstance(fixtureFile: Fixtures.sendOwl.appendingPathComponent("instance.json"))
        #expect(instance == SendOwlTesting.instance)
    }

    @Test func recordedBodiesAreWhatTheScenarioWrites() throws {
        for (name, payload) in SendOwlScenario.deliveries {
            #expect(try Fixtures.body("sendowl", "\(name).json") == payload.encoded, "\(name).json is stale: regenerate")
        }
    }
}
