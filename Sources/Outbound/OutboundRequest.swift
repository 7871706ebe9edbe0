/// A request the ``CurlClient`` sends: method, absolute URL, header fields and body bytes.
public struct OutboundRequest: Sendable, Hashable {
    /// An HTTP method name such as `GET` or `POST`.
    public struct Method: Sendable, Hashable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String

        /// A method by name, for the ones without a constant below.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A method written as a literal, `"PROPFIND"`.
        public init(stringLiteral value: String) { self.rawValue = value }
        /// The method name as sent.
        public var description: String { rawValue }

        public static let get: Method = "GET"
        public static let head: Method = "HEAD"
        public static let post: Method = "POST"
        public static let put: Method = "PUT"
        public static let patch: Method = "PATCH"
        public static let delete: Method = "DELETE"
    }

    /// The method; `GET` unless set.
    public var method: Method
    /// The absolute `http://` or `https://` URL, query string included.
    public var url: String
    /// Header fields sent as given, in order; a field with an empty value is sent empty.
    public var headers: [HTTPHeader]
    /// The body; sent with a `Content-Length` when the method is not `GET` or `HEAD`, or when not empty.
    public var body: [UInt8]

    /// A request; a `GET` without headers or body unless told otherwise.
    public init(method: Method = .get, url: String, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
