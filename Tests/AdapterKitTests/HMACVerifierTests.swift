import AdapterKit
import Foundation
import Testing

@Suite struct HMACVerification {
    /// RFC 4231, test case 2.
    static let key = "Jefe"
    static let message = Array("what do ya want for nothing?".utf8)
    static let mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"

    @Test func macMatchesTheRFC4231Vector() {
        #expect(Hex.encode(HMACVerifier(secret: Self.key).mac(Self.message)) == Self.mac)
        #expect(HMACVerifier(key: Array(Self.key.utf8)).mac(Self.message) == Hex.decode(Self.mac))
    }

    @Test func acceptsTheRightSignatureInHexOrBase64() throws {
        let verifier = HMACVerifier(secret: Self.key)
        #expect(verifier.isValid(hexSignature: Self.mac, for: Self.message))
        #expect(verifier.isValid(hexSignature: Self.mac.uppercased(), for: Self.message))
        let base64 = Data(try #require(Hex.decode(Self.mac))).base64EncodedString()
        #expect(verifier.isValid(base64Signature: base64, for: Self.message))
    }

    @Test func refusesWrongKeysMessagesAndSignatures() {
        let verifier = HMACVerifier(secret: Self.key)
        #expect(!HMACVerifier(secret: "jefe").isValid(hexSignature: Self.mac, for: Self.message))
        #expect(!verifier.isValid(hexSignature: Self.mac, for: Self.message + [0x20]))
        #expect(!verifier.isValid(hexSignature: String(Self.mac.dropLast()) + "4", for: Self.message))
        #expect(!verifier.isValid(hexSignature: String(Self.mac.dropLast(2)), for: Self.message))
    }

    @Test(arguments: ["", "not hex", "5bdc", "zz" + String(repeating: "0", count: 62)])
    func malformedHexSignaturesAreInvalidNotFatal(signature: String) {
        #expect(!HMACVerifier(secret: Self.key).isValid(hexSignature: signature, for: Self.message))
    }

    @Test(arguments: ["", "%%%", "W2RjYw", String(repeating: "A", count: 10_000)])
    func malformedBase64SignaturesAreInvalidNotFatal(signature: String) {
        #expect(!HMACVerifier(secret: Self.key).isValid(base64Signature: signature, for: Self.message))
    }
}
