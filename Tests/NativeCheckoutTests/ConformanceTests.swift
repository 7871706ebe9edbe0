import AccessKernel
import AdapterConformance
import AdapterKit
import Mocks
import NativeCheckout
import Testing

@Suite struct NativeCheckoutConformance {
    /// The suite hands each delivery's arrival time to the factory, which signs at that
    /// very moment: recorded fixtures never trip the staleness check (tested on its own
    /// in ``StripeSignature``).
    @Test func nativeCheckoutAdapterPassesTheConformanceSuiteOnTheRecordedFixtures() throws {
        let suite = try ConformanceSuite<NativeCheckoutAdapter>(fixturesDirectory: Fixtures.nativeCheckout) { delivery in
            NativeCheckoutRequest.make(body: delivery.body, secret: delivery.secret, receivedAt: delivery.receivedAt)
        }
        let report = suite.run()
        print(report)
        #expect(report.failures.isEmpty, "\(report)")
        #expect(report.checks.filter { $0.name.hasPrefix("golden ") }.count == NativeCheckoutScenario.deliveries.count,
                "every recorded delivery has a golden check")
    }

    @Test func recordedInstanceIsTheScenarioInstance() throws {
        let instance = try AdapterInstance(fixtureFile: Fixtures.nativeCheckout.appendingPathComponent("instance.json"))
        #expect(instance == NativeCheckoutTesting.instance)
    }

    @Test func recordedBodiesAreWhatTheScenarioWrites() throws {
        for (name, event) in NativeCheckoutScenario.deliveries {
            #expect(try Fixtures.body("native_checkout", "\(name).json") == StripeJSONWriter.encode(event),
                    "\(name).json is stale: regenerate the fixtures")
        }
    }
}
