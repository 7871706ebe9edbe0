import Crypto
import Foundation

/// One HMAC-SHA256 verifier that the providers' signature schemes are presets of.
public struct HMACVerifier: Sendable {
    private let key: SymmetricKey

    public init(key: [UInt8]) { self.key = SymmetricKey(data: key) }
    public init(secret: String) { self.init(key: Array(secret.utf8)) }

    /// The raw MAC of `message`.
    public func mac<M: DataProtocol>(_ message: M) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// Whether `signature` is the MAC of `message`, compared in constant time.
    public func isValid<M: DataProtocol>(signature: [UInt8], for message: M) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: message, using: key)
    }

    /// Whether a base64 signature matches (`X-SENDOWL-HMAC-SHA256`, Standard Webhooks).
    public func isValid<M: DataProtocol>(base64Signature: String, for message: M) -> Bool {
        guard let bytes = Data(base64Encoded: base64Signature) else { return false }
        return isValid(signature: Array(bytes), for: message)
    }

    /// Whether a hex signature matches (Stripe's `v1=`).
    public func isValid<M: DataProtocol>(hexSignature: String, for message: M) -> Bool {
        guard let bytes = Hex.decode(hexSignature) else { return false }
        return isValid(signature: bytes, for: message)
    }
}

/// Lower-case hexadecimal, as signatures are written.
public enum Hex {
    public static func encode<B: Sequence<UInt8>>(_ bytes: B) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
