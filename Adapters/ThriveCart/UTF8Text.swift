/// Text from bytes that must be UTF-8, without the cost of the standard library's
/// generic validation for the common all-ASCII case.
enum UTF8Text {
    /// The text the bytes spell, or `nil` when they are not valid UTF-8.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// The text the bytes spell, or `nil` when they are not valid UTF-8.
    static func string(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}
