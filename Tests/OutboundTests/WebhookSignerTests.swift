import Foundation
import Mocks
import Outbound
import Testing

@Suite("Standard Webhooks signing and verification")
struct WebhookSignerTests {
    static let body = Array(#"{"test": 2432232314}"#.utf8)

    @Test("the signature is HMAC-SHA256 of id.timestamp.body keyed with the base64-decoded secret (the spec's vector)")
    func matchesStandardWebhooksVector() throws {
        let signer = try WebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        let signature = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Self.body)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("the key is the decoded secret, not the text after whsec_ used as it is")
    func keyIsDecoded() throws {
        let secret = try WebhookSecret(SinkEventSamples.secret)
        #expect(secret.key.count == 24)
        #expect(secret.key != Array("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".utf8))
        #expect(secret.text == SinkEventSamples.secret)
    }

    @Test("headers carry the id, the attempt's timestamp and the signature")
    func headersNameIdTimestampAndSignature() throws {
        let signer = try WebhookSigner(secrets: [SinkEventSamples.secret])
        let headers = signer.headers(id: "evt_1", timestamp: 1_795_255_200, body: Self.body)
        #expect(headers["webhook-id"] == "evt_1")
        #expect(headers["webhook-timestamp"] == "1795255200")
        #expect(headers["webhook-signature"] == signer.signature(id: "evt_1", timestamp: 1_795_255_200, body: Self.body))
    }

    @Test("several secrets give one v1 entry each, and a receiver holding any one of them accepts")
    func rotationSignsWithEverySecret() throws {
        let both = try WebhookSigner(secrets: [SinkEventSamples.secret, SinkEventSamples.nextSecret])
        let old = try WebhookSigner(secrets: [SinkEventSamples.secret])
        let new = try WebhookSigner(secrets: [SinkEventSamples.nextSecret])
        let timestamp = Int64(Date().timeIntervalSince1970)
        let signature = both.signature(id: "evt_1", timestamp: timestamp, body: Self.body)
        #expect(signature == old.signature(id: "evt_1", timestamp: timestamp, body: Self.body) + " "
                + new.signature(id: "evt_1", timestamp: timestamp, body: Self.body))
        let headers = both.headers(id: "evt_1", timestamp: timestamp, body: Self.body)
        for secret in [SinkEventSamples.secret, SinkEventSamples.nextSecret] {
            #expect(try WebhookVerifier(secrets: [secret]).verify(headers: headers, body: Self.body) == "evt_1")
        }
    }

    @Test("a signed delivery verifies with the same secret")
    func roundTrip() throws {
        let signer = try WebhookSigner(secrets: [SinkEventSamples.secret])
        let now = Date()
        let headers = signer.headers(id: "evt_2", timestamp: Int64(now.timeIntervalSince1970), body: Self.body)
        #expect(try WebhookVerifier(secrets: [SinkEventSamples.secret]).verify(headers: headers, body: Self.body, now: now) == "evt_2")
    }

    @Test("a tampered body is a signature mismatch")
    func tamperedBodyIsRejected() throws {
        let now = Date()
        let headers = try WebhookSigner(secrets: [SinkEventSamples.secret])
            .headers(id: "evt_3", timestamp: Int64(now.timeIntervalSince1970), body: Self.body)
        let error = #expect(throws: WebhookSignatureError.self) {
            try WebhookVerifier(secrets: [SinkEventSamples.secret]).verify(headers: headers, body: Self.body + [0x20], now: now)
        }
        #expect(error?.kind == .signatureMismatch)
    }

    @Test("a signature made with another secret is a signature mismatch")
    func wrongSecretIsRejected() throws {
        let now = Date()
        let headers = try WebhookSigner(secrets: [SinkEventSamples.nextSecret])
            .headers(id: "evt_4", timestamp: Int64(now.timeIntervalSince1970), body: Self.body)
        let error = #expect(throws: WebhookSignatureError.self) {
            try WebhookVerifier(secrets: [SinkEventSamples.secret]).verify(headers: headers, body: Self.body, now: now)
        }
        #expect(error?.kind == .signatureMismatch)
    }

    @Test("a timestamp outside the tolerance is stale, even with a good signature")
    func staleTimestampIsRejected() throws {
        let now = Date()
        let headers = try WebhookSigner(secrets: [SinkEventSamples.secret])
            .headers(id: "evt_5", timestamp: Int64(now.timeIntervalSince1970) - 301, body: Self.body)
        let verifier = try WebhookVerifier(secrets: [SinkEventSamples.secret], tolerance: .seconds(300))
        let error = #expect(throws: WebhookSignatureError.self) {
            try verifier.verify(headers: headers, body: Self.body, now: now)
        }
        #expect(error?.kind == .staleTimestamp)
    }

    @Test("a delivery without the signature header is refused as missing a header")
    func missingHeaderIsRejected() throws {
        let now = Date()
        let headers = try WebhookSigner(secrets: [SinkEventSamples.secret])
            .headers(id: "evt_6", timestamp: Int64(now.timeIntervalSince1970), body: Self.body)
            .filter { $0.name != "webhook-signature" }
        let error = #expect(throws: WebhookSignatureError.self) {
            try WebhookVerifier(secrets: [SinkEventSamples.secret]).verify(headers: headers, body: Self.body, now: now)
        }
        #expect(error?.kind == .missingHeader)
    }

    @Test("a secret without whsec_, with broken base64, or no secret at all is refused at construction",
          arguments: [["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], ["whsec_not base64!"], ["whsec_"], []])
    func badSecretsAreRefused(secrets: [String]) {
        let error = #expect(throws: WebhookSignatureError.self) { try WebhookSigner(secrets: secrets) }
        #expect(error?.kind == (secrets.isEmpty ? .noSecrets : .invalidSecret))
    }
}
