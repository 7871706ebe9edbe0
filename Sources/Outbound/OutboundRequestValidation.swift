extension OutboundRequest {
    /// Rejects what would let a request smuggle extra header lines or a broken request line.
    func validate() throws(OutboundError) {
        let method = method.rawValue
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenByte) else {
            throw OutboundError(kind: .invalidRequest, message: "method \"\(method)\" is not an HTTP token")
        }
        for header in headers {
            guard !header.name.isEmpty, header.name.utf8.allSatisfy(Self.isTokenByte) else {
                throw OutboundError(kind: .invalidRequest, message: "header name \"\(header.name)\" is not an HTTP token")
            }
            guard !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw OutboundError(kind: .invalidRequest, message: "the value of header \(header.name) contains a line break")
            }
        }
        guard !url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw OutboundError(kind: .invalidRequest, message: "the URL contains white space or control characters")
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
