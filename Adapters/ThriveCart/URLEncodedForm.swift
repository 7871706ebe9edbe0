import AdapterKit

/// A byte-level reader of `application/x-www-form-urlencoded` bodies with PHP bracket
/// keys (`customer[email]`, `order[charges][0][amount]`, `purchase_map[]`).
///
/// It reads the bytes once, percent-decodes (`+` is a space) and validates UTF-8 per
/// key and value, and refuses what a form encoder never produces: control bytes, broken
/// escapes, invalid UTF-8, absurd nesting. Foundation's URL parsing is ~30x slower.
enum URLEncodedForm {
    /// Deepest bracket nesting accepted; ThriveCart's own payloads go four deep.
    static let maximumDepth = 32
    /// Most fields accepted (PHP's `max_input_vars` is 1,000).
    static let maximumFields = 10_000

    /// The tree a body describes.
    static func parse(_ body: [UInt8]) throws(AdapterError) -> FormTable {
        var root = FormTable()
        var fields = 0
        var start = 0
        var end = body.count
        // A trailing line break is sometimes added by relays; it is not part of a value.
        while end > 0, body[end - 1] == UInt8(ascii: "\n") || body[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        while start < end {
            var stop = start
            var equals: Int?
            while stop < end, body[stop] != UInt8(ascii: "&") {
                let byte = body[stop]
                if byte < 0x20 || byte == 0x7F {
                    throw AdapterError(.malformed, "form body has a control byte at offset \(stop); not URL-encoded form data")
                }
                if byte == UInt8(ascii: "="), equals == nil { equals = stop }
                stop += 1
            }
            if stop > start {
                let keyEnd = equals ?? stop
                let key = try decode(body, start..<keyEnd, what: "key")
                var text = ""
                if let equals { text = try decode(body, (equals + 1)..<stop, what: "value of \(key)") }
                if !key.isEmpty {
                    fields += 1
                    guard fields <= maximumFields else {
                        throw AdapterError(.malformed, "form body has more than \(maximumFields) fields")
                    }
                    root.insert(text, at: try BracketKey.path(of: key, maximumDepth: maximumDepth)[...])
                }
            }
            start = stop + 1
        }
        return root
    }

    /// Percent-decodes one key or value and validates it as UTF-8.
    private static func decode(_ body: [UInt8], _ range: Range<Int>, what: @autoclosure () -> String) throws(AdapterError) -> String {
        var needsDecoding = false
        for index in range where body[index] == UInt8(ascii: "%") || body[index] == UInt8(ascii: "+") {
            needsDecoding = true
            break
        }
        if !needsDecoding {
            let validated = body.withUnsafeBufferPointer { UTF8Text.string(UnsafeBufferPointer(rebasing: $0[range])) }
            guard let text = validated else {
                throw AdapterError(.malformed, "form \(what()) is not valid UTF-8")
            }
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = body[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < range.upperBound,
                      let high = hexValue(body[index + 1]), let low = hexValue(body[index + 2]) else {
                    throw AdapterError(.malformed, "form \(what()) has a broken percent escape")
                }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        guard let text = UTF8Text.string(bytes) else {
            throw AdapterError(.malformed, "form \(what()) is not valid UTF-8")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
