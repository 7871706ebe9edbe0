import Foundation
import Outbound

/// An account's API key and secret, sent as HTTP Basic authorisation (`key:secret`).
struct SendOwlCredentials: Sendable {
    let key: String
    let secret: String

    /// The headers every API call carries: Basic authorisation, and `Accept: application/json`,
    /// without which SendOwl answers 415.
    var headers: [HTTPHeader] {
        let token = Data("\(key):\(secret)".utf8).base64EncodedString()
        return [HTTPHeader(name: "Authorization", value: "Basic \(token)"),
                HTTPHeader(name: "Accept", value: "application/json")]
    }
}
