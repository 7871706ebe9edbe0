/// Bodies no provider sends, made from a genuine one, that an adapter must refuse
/// without crashing.
enum HostileBodies {
    /// Where to cut a body: the first byte, every point of a spread of `count`, and all
    /// but the last byte.
    static func cutPoints(of count: Int, points: Int) -> [Int] {
        guard count > 1 else { return [] }
        var cuts = Set([1, count / 2, count - 1])
        let step = max(1, count / max(1, points))
        cuts.formUnion(stride(from: 1, to: count, by: step))
        return cuts.filter { $0 > 0 && $0 < count }.sorted()
    }

    /// Bytes from a fixed-seed generator: the same "random" body on every run.
    static func random(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// The body repeated until it is at least `size` bytes.
    static func huge(_ body: [UInt8], size: Int) -> [UInt8] {
        guard !body.isEmpty else { return [UInt8](repeating: UInt8(ascii: "a"), count: size) }
        var out: [UInt8] = []
        out.reserveCapacity(size + body.count)
        while out.count < size { out += body }
        return out
    }

    /// The body's text in UTF-16, little-endian with a byte-order mark.
    static func utf16LittleEndian(_ body: [UInt8]) -> [UInt8] {
        [0xFF, 0xFE] + String(decoding: body, as: UTF8.self).utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] }
    }

    /// The body's text in UTF-16, big-endian without a byte-order mark.
    static func utf16BigEndian(_ body: [UInt8]) -> [UInt8] {
        String(decoding: body, as: UTF8.self).utf16.flatMap { [UInt8($0 >> 8), UInt8(truncatingIfNeeded: $0)] }
    }

    /// The body with bytes that are never UTF-8 (`0xC3 0x28`, `0xFF`) in its middle.
    static func invalidUTF8(_ body: [UInt8]) -> [UInt8] {
        let middle = body.count / 2
        return Array(body[..<middle]) + [0xC3, 0x28, 0xFF] + Array(body[middle...])
    }

    /// A body nested absurdly deep in the given encoding, when the suite knows how.
    static func deeplyNested(fileExtension: String, depth: Int = 10_000) -> [UInt8]? {
        switch fileExtension {
        case "json": Array((String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)).utf8)
        case "form": Array(("a" + String(repeating: "[a]", count: depth) + "=1").utf8)
        default: nil
        }
    }
}
