/// A complete response: status code, header fields and body bytes.
public struct OutboundResponse: Sendable, Hashable {
    /// The status code, for example 200 or 302.
    public var status: Int
    /// The header fields of the final response (not of `100 Continue` or other interim ones).
    public var headers: [HTTPHeader]
    /// The body, decoded from chunked transfer encoding but not decompressed.
    public var body: [UInt8]

    /// A response, as the client builds it or a test double returns it.
    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is in 200...299.
    public var isSuccess: Bool { (200...299).contains(status) }

    /// The body read as UTF-8, invalid sequences repaired.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
