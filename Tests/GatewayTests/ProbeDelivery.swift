import HTTPTypes
import Hummingbird

/// Builds probe deliveries (see ``ProbeAdapter``) as the test client sends them.
enum ProbeDelivery {
    static let token = "probe-token-1"

    static func purchase(order: String, email: String, product: String = "12") -> ByteBuffer {
        ByteBuffer(string: "purchase \(order) \(email) \(product)")
    }

    static func refund(order: String) -> ByteBuffer { ByteBuffer(string: "refund \(order)") }

    static func command(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    /// The headers of a delivery: `text/plain` and the token (or another one).
    static func headers(token: String = token, contentType: String = "text/plain") -> HTTPFields {
        var fields: HTTPFields = [.contentType: contentType]
        if let name = HTTPField.Name("X-Probe-Token") { fields[name] = token }
        return fields
    }
}
