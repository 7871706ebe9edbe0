import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlSignatureVerification {
    typealias S = SendOwlScenario

    static var body: [UInt8] { SendOwlPayload.body(S.courseOrder).encoded }

    @Test func bodySignedWithTheSigningKeyIsAccepted() throws {
        guard case .facts = try SendOwlTesting.adapter().verify(SendOwlRequest.make(body: Self.body)) else {
            Issue.record("a genuine delivery decodes")
            return
        }
    }

    @Test func signatureIsTheBase64HMACSHA256OfTheRawBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let signature = SendOwlSigner.sign(body: Array("what do ya want for nothing?".utf8), key: "Jefe")
        #expect(signature == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=")
    }

    @Test(arguments: ["wrong-key", "t9Xq2LmV7cRz4KpW8sNd3FhK", "t9Xq2LmV7cRz4KpW8sNd3Fh", ""])
    func bodySignedWithAnotherKeyIsUnauthenticated(key: String) throws {
        let error = try #require(try SendOwlTesting.refusal(SendOwlRequest.make(body: Self.body, key: key)))
        #expect(error.kind == .unauthenticated)
        #expect(!error.message.contains(S.signingKey), "the message never reveals the key")
    }

    @Test func missingSignatureIsUnauthenticated() throws {
        let error = try #require(try SendOwlTesting.refusal(SendOwlRequest.make(body: Self.body, key: nil)))
        #expect(error == AdapterError(.unauthenticated,
                                      "X-SENDOWL-HMAC-SHA256 is missing or is not the signature of the body with the signing key of instance shop"))
    }

    @Test func tamperedBodyIsUnauthenticated() throws {
        var request = SendOwlRequest.make(body: Self.body)
        let tampered = String(decoding: Self.body, as: UTF8.self).replacingOccurrences(of: "£18.00", with: "£1.00")
        request.body = Array(tampered.utf8)
        #expect(try SendOwlTesting.refusal(request)?.kind == .unauthenticated)
    }

    @Test(arguments: ["not base64!", "AAAA", "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="])
    func signatureThatIsNotTheBodysIsUnauthenticated(signature: String) throws {
        var request = SendOwlRequest.make(body: Self.body, key: nil)
        request.headers.append(("X-SENDOWL-HMAC-SHA256", signature))
        #expect(try SendOwlTesting.refusal(request)?.kind == .unauthenticated)
    }

    @Test func signatureHeaderIsFoundInAnyCaseAndWithATrailingNewline() throws {
        var request = SendOwlRequest.make(body: Self.body, key: nil)
        request.headers.append(("x-sendowl-hmac-sha256", SendOwlSigner.sign(body: Self.body, key: S.signingKey) + "\n"))
        #expect(try SendOwlTesting.refusal(request) == nil)
    }

    @Test(arguments: ["application/x-www-form-urlencoded", "text/plain", "application/jsonp"])
    func bodyInAnotherMediaTypeIsUnsupported(contentType: String) throws {
        let request = SendOwlRequest.make(body: Self.body, contentType: contentType)
        #expect(try SendOwlTesting.refusal(request)?.kind == .unsupportedMediaType)
    }

    @Test func jsonWithACharsetParameterIsAccepted() throws {
        let request = SendOwlRequest.make(body: Self.body, contentType: "Application/JSON; charset=utf-8")
        #expect(try SendOwlTesting.refusal(request) == nil)
    }

    @Test func anInstanceWithoutSigningKeyIsMisconfigured() {
        #expect(throws: AdapterError(.misconfigured, "instance shop has no secret signing_key")) {
            try SendOwlAdapter(instance: AdapterInstance(id: "shop", secrets: ["api_key": "k"]))
        }
    }

    @Test func twoAccountsEachAcceptOnlyTheirOwnSignatures() throws {
        let other = try SendOwlAdapter(instance: AdapterInstance(id: "shop-eu", secrets: ["signing_key": "another-key"]))
        let request = SendOwlRequest.make(body: Self.body)
        #expect(throws: AdapterError.self) { try other.verify(request) }
        #expect(try SendOwlTesting.refusal(request) == nil)
    }

    @Test func kindIsSendOwlsKind() {
        #expect(SendOwlAdapter.kind == SendOwl.kind)
        #expect(SendOwlAdapter.kind.requiredSecrets == ["signing_key"])
        #expect(SendOwlAdapter.kind.defaultPolicies.onRefund == .revoke)
        #expect(SendOwlAdapter.kind.defaultPolicies.onCancel == .periodEnd)
    }
}
