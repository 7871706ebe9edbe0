import AdapterKit
import Foundation

/// Signs bodies as SendOwl does: base64(HMAC-SHA256(key: the signing key secret, data: body)).
public enum SendOwlSigner {
    /// The `X-SENDOWL-HMAC-SHA256` value of `body` signed with `key`.
    public static func sign(body: [UInt8], key: String) -> String {
        Data(HMACVerifier(secret: key).mac(body)).base64EncodedString()
    }
}
