import Hummingbird

/// A flat JSON object written straight into bytes: the gateway's answers are a handful of
/// fields, so this avoids a `JSONEncoder` (and its allocations) on every request.
struct JSONObject {
    private var bytes: [UInt8]
    private var isEmpty = true

    init(capacity: Int = 96) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// A string field; `nil` writes `null`.
    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { bytes.append(contentsOf: Self.null) }
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: value ? Self.true : Self.false)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// The finished object as a response with `Content-Type: application/json`.
    func response(status: HTTPResponse.Status) -> Response {
        var bytes = self.bytes
        bytes.append(UInt8(ascii: "}"))
        return Response(status: status, headers: Self.headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private mutating func key(_ name: String) {
        if isEmpty { isEmpty = false } else { bytes.append(UInt8(ascii: ",")) }
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let null = Array("null".utf8)
    private static let `true` = Array("true".utf8)
    private static let `false` = Array("false".utf8)
    private static let hex = Array("0123456789abcdef".utf8)
    static let headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
}
