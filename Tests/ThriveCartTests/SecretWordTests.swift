import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

@Suite struct SecretWord {
    typealias S = ThriveCartScenario

    @Test(arguments: ["KX7QZP2M4RWX", "KX7QZP2M4RW", "KX7QZP2M4RWTT", "kx7qzp2m4rwt", "", " KX7QZP2M4RWT"])
    func anythingButTheExactSecretWordIsUnauthenticated(secret: String) throws {
        for encoding in BodyEncoding.allCases {
            var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
            payload["thrivecart_secret"] = .text(secret)
            let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload, encoding: encoding)))
            #expect(error.kind == .unauthenticated)
            #expect(!error.message.contains(S.secretWord), "the message never reveals the secret word")
            if !secret.isEmpty { #expect(!error.message.contains(secret)) }
        }
    }

    @Test func missingSecretWordIsUnauthenticated() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["thrivecart_secret"] = nil
        let error = try #require(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload)))
        #expect(error == AdapterError(.unauthenticated, "thrivecart_secret is missing or is not the secret word of instance tc-main"))
    }

    @Test func secretWordAsATableIsUnauthenticated() throws {
        var payload = ThriveCartPayload.orderSuccess(S.bundleOrder)
        payload["thrivecart_secret"] = .list([.text(S.secretWord)])
        #expect(try ThriveCartTesting.refusal(ThriveCartRequest.make(payload))?.kind == .unauthenticated)
    }

    @Test func anInstanceWithoutSecretWordIsMisconfigured() {
        #expect(throws: AdapterError(.misconfigured, "instance tc-main has no secret secret")) {
            try ThriveCartAdapter(instance: AdapterInstance(id: "tc-main", secrets: ["api_key": "k"]))
        }
    }

    @Test func twoAccountsEachAcceptOnlyTheirOwnSecretWord() throws {
        let other = try ThriveCartAdapter(instance: AdapterInstance(id: "tc-second", secrets: ["secret": "OTHERWORD999"]))
        let request = ThriveCartRequest.make(ThriveCartPayload.orderSuccess(S.bundleOrder))
        #expect(throws: AdapterError.self) { try other.verify(request) }
        guard case .facts = try ThriveCartTesting.adapter().verify(request) else {
            Issue.record("the account the order belongs to decodes it")
            return
        }
    }

    @Test func kindDeclaresTheSecretsAndDefaultPolicies() {
        #expect(ThriveCartAdapter.kind.name == "thrivecart")
        #expect(ThriveCartAdapter.kind.requiredSecrets == ["secret"])
        #expect(ThriveCartAdapter.kind.optionalSecrets == ["api_key", "api_mode"])
        #expect(ThriveCartAdapter.kind.defaultPolicies.onRefund == .revoke)
        #expect(ThriveCartAdapter.kind.defaultPolicies.onCancel == .periodEnd)
    }
}
