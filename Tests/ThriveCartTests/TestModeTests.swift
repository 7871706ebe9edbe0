import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

@Suite struct TestMode {
    typealias S = ThriveCartScenario

    @Test(arguments: BodyEncoding.allCases)
    func testOrderGivesTestFacts(encoding: BodyEncoding) throws {
        #expect(try ThriveCartTesting.fact(ThriveCartPayload.orderSuccess(S.testOrder), encoding).mode == .test)
    }

    @Test func modeIntOfOneAloneMeansTest() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["mode"] = nil
        payload["mode_int"] = "1"
        #expect(try ThriveCartTesting.fact(payload).mode == .test)
    }

    @Test func contradictoryModesAreTakenAsTestSoTheyNeverOpenLiveCourses() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["mode_int"] = "1"
        #expect(try ThriveCartTesting.fact(payload).mode == .test)
    }

    @Test func testEventsAreIgnoredByAnInstanceThatDoesNotAcceptThem() throws {
        let verdict = try ThriveCartTesting.verdict(ThriveCartPayload.orderSuccess(S.testOrder), acceptsTestEvents: false)
        #expect(verdict == .ignored(reason: "test-mode order.success ignored: instance tc-main does not accept test events"))
    }

    @Test func liveEventsAreUnaffectedByRefusingTestEvents() throws {
        let payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        #expect(try ThriveCartTesting.verdict(payload, acceptsTestEvents: false) == ThriveCartTesting.verdict(payload))
    }

    @Test func testEventWithAWrongSecretIsUnauthenticatedNotIgnored() throws {
        var payload = ThriveCartPayload.orderSuccess(S.testOrder)
        payload["thrivecart_secret"] = "nope"
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload), acceptsTestEvents: false))
        #expect(error.kind == .unauthenticated)
    }
}
