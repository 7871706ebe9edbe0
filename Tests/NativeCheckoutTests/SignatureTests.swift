import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct StripeSignature {
    typealias S = NativeCheckoutScenario
    static let arrival = Date(unix: 1_720_000_000)

    static func body() throws -> [UInt8] {
        StripeJSONWriter.encode(try NativeCheckoutTesting.delivery("checkout.session.completed"))
    }

    static func isAccepted(_ request: InboundRequest) throws -> Bool {
        guard case .facts = try NativeCheckoutTesting.adapter().verify(request) else { return false }
        return true
    }

    @Test func validSignatureIsAccepted() throws {
        #expect(try Self.isAccepted(NativeCheckoutRequest.make(body: Self.body(), receivedAt: Self.arrival)))
    }

    @Test func anyMatchingV1IsAcceptedWhileTheSecretIsRolled() throws {
        let body = try Self.body()
        let newFirst = NativeCheckoutRequest.make(body: body, secret: "whsec_theNewSecretAfterRolling0000",
                                                  extraSecrets: [S.webhookSecret], receivedAt: Self.arrival)
        #expect(try Self.isAccepted(newFirst), "the endpoint's secret as the second v1")
        let header = try #require(newFirst.header("Stripe-Signature"))
        #expect(header.components(separatedBy: ",v1=").count == 3)
    }

    @Test func v0AndUnknownSchemesAreSkipped() throws {
        let body = try Self.body()
        let signed = try #require(NativeCheckoutRequest.make(body: body, receivedAt: Self.arrival).header("Stripe-Signature"))
        let header = signed.replacingOccurrences(of: ",v1=", with: ",v0=deadbeef, v2=zz ,v1=")
        #expect(try Self.isAccepted(NativeCheckoutRequest.make(body: body, signatureHeader: header, receivedAt: Self.arrival)))
    }

    @Test(arguments: ["whsec_Jf3kQ9vXz2LmN8pR4tYw6bH1sD5gC7aX", "whsec_somebodyElse", "", "Jf3kQ9vXz2LmN8pR4tYw6bH1sD5gC7aE"])
    func wrongSecretIsUnauthenticated(secret: String) throws {
        let request = NativeCheckoutRequest.make(body: try Self.body(), secret: secret, receivedAt: Self.arrival)
        let error = try #require(try NativeCheckoutTesting.refusal(request))
        #expect(error == AdapterError(.unauthenticated, "no v1 signature of Stripe-Signature matches the endpoint secret"))
        #expect(!error.message.contains(S.webhookSecret))
    }

    @Test func missingHeaderIsUnauthenticated() throws {
        let request = NativeCheckoutRequest.make(body: try Self.body(), signatureHeader: nil, receivedAt: Self.arrival)
        #expect(try NativeCheckoutTesting.refusal(request) == AdapterError(.unauthenticated, "Stripe-Signature header is missing"))
    }

    @Test(arguments: ["", "garbage", "t=1720000000", "v1=abcd", "t=abc,v1=abcd", "t=-5,v1=abcd", "t=1,t=2,v1=abcd",
                      "t=99999999999999999999,v1=abcd", "t=1720000000,v1="])
    func garbledHeaderIsUnauthenticated(header: String) throws {
        let request = NativeCheckoutRequest.make(body: try Self.body(), signatureHeader: header, receivedAt: Self.arrival)
        #expect(try NativeCheckoutTesting.refusal(request)?.kind == .unauthenticated)
    }

    @Test func signatureNotInHexIsUnauthenticated() throws {
        let header = "t=1720000000,v1=" + String(repeating: "zz", count: 32)
        let request = NativeCheckoutRequest.make(body: try Self.body(), signatureHeader: header, receivedAt: Self.arrival)
        #expect(try NativeCheckoutTesting.refusal(request)?.kind == .unauthenticated)
    }

    @Test func tamperedBodyIsUnauthenticated() throws {
        let body = try Self.body()
        let signed = NativeCheckoutRequest.make(body: body, receivedAt: Self.arrival)
        var tampered = signed
        tampered.body = Array(String(decoding: body, as: UTF8.self)
            .replacingOccurrences(of: "\"amount_total\": 14900", with: "\"amount_total\": 100").utf8)
        #expect(tampered.body != body)
        #expect(try NativeCheckoutTesting.refusal(tampered)?.kind == .unauthenticated)
    }

    @Test func signatureOfAnotherTimestampIsUnauthenticated() throws {
        let signed = NativeCheckoutRequest.make(body: try Self.body(), receivedAt: Self.arrival)
        let header = try #require(signed.header("Stripe-Signature")).replacingOccurrences(of: "t=1720000000", with: "t=1720000001")
        let request = NativeCheckoutRequest.make(body: signed.body, signatureHeader: header, receivedAt: Self.arrival)
        #expect(try NativeCheckoutTesting.refusal(request)?.kind == .unauthenticated)
    }

    @Test(arguments: [-301, 301, -86_400, 3 * 86_400])
    func signatureOutsideTheToleranceIsStaleEitherWay(offset: Int) throws {
        let request = NativeCheckoutRequest.make(body: try Self.body(), receivedAt: Self.arrival,
                                                 signedAt: Self.arrival.addingTimeInterval(TimeInterval(offset)))
        let error = try #require(try NativeCheckoutTesting.refusal(request))
        #expect(error.kind == .stale, "signed \(offset) s from the arrival: \(error)")
        #expect(error.message.contains(offset > 0 ? "in the future" : "old"))
    }

    @Test(arguments: [-300, -1, 0, 1, 300])
    func signatureWithinTheToleranceIsAccepted(offset: Int) throws {
        let request = NativeCheckoutRequest.make(body: try Self.body(), receivedAt: Self.arrival,
                                                 signedAt: Self.arrival.addingTimeInterval(TimeInterval(offset)))
        #expect(try Self.isAccepted(request))
    }

    @Test func toleranceIsConfigurable() throws {
        let strict = try NativeCheckoutAdapter(instance: NativeCheckoutTesting.instance, tolerance: 10)
        #expect(strict.tolerance == 10)
        #expect(try NativeCheckoutAdapter(instance: NativeCheckoutTesting.instance).tolerance == 300)
        let request = NativeCheckoutRequest.make(body: try Self.body(), receivedAt: Self.arrival,
                                                 signedAt: Self.arrival.addingTimeInterval(-60))
        #expect(try NativeCheckoutTesting.refusal(request, adapter: strict)?.kind == .stale)
        #expect(try NativeCheckoutTesting.refusal(request) == nil)
    }

    @Test(arguments: [(-5.0, 0.0), (Double.infinity, 365 * 86_400.0), (Double.nan, 300.0), (1e300, 365 * 86_400.0)])
    func outlandishTolerancesAreBroughtWithinReason(asked: Double, honoured: Double) throws {
        let adapter = try NativeCheckoutAdapter(instance: NativeCheckoutTesting.instance, tolerance: asked)
        #expect(adapter.tolerance == honoured)
        let request = NativeCheckoutRequest.make(body: try Self.body(), receivedAt: Self.arrival,
                                                 signedAt: Date(unix: 0))
        #expect(try NativeCheckoutTesting.refusal(request, adapter: adapter)?.kind == .stale)
    }

    @Test func signatureFromTheFarFutureIsStaleWithoutOverflow() throws {
        let request = NativeCheckoutRequest.make(body: try Self.body(), receivedAt: Self.arrival,
                                                 signedAt: Date(unix: 9_000_000_000_000_000))
        #expect(try NativeCheckoutTesting.refusal(request)?.message.hasPrefix("Stripe-Signature timestamp is more than 10^12 s in the future") == true)
    }

    @Test func staleAndForgedIsUnauthenticatedNotStale() throws {
        let request = NativeCheckoutRequest.make(body: try Self.body(), secret: "whsec_forged", receivedAt: Self.arrival,
                                                 signedAt: Self.arrival.addingTimeInterval(-3600))
        #expect(try NativeCheckoutTesting.refusal(request)?.kind == .unauthenticated)
    }

    @Test func headerNameIsCaseInsensitive() throws {
        var request = NativeCheckoutRequest.make(body: try Self.body(), receivedAt: Self.arrival)
        request.headers = request.headers.map { $0.name == "Stripe-Signature" ? ("stripe-signature", $0.value) : $0 }
        #expect(try Self.isAccepted(request))
    }

    @Test func anInstanceWithoutWebhookSecretIsMisconfigured() {
        #expect(throws: AdapterError(.misconfigured, "instance checkout has no secret webhook_secret")) {
            try NativeCheckoutAdapter(instance: AdapterInstance(id: "checkout", secrets: ["api_key": "sk_live_x"]))
        }
    }

    @Test func kindIsTheNativeCheckoutKind() {
        #expect(NativeCheckoutAdapter.kind == NativeCheckout.kind)
        #expect(NativeCheckoutAdapter.kind.name == "native_checkout")
        #expect(NativeCheckoutAdapter.kind.requiredSecrets == ["webhook_secret"])
        #expect(NativeCheckoutAdapter.kind.defaultPolicies.onRefund == .keep)
    }
}
