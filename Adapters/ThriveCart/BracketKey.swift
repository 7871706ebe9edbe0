import AdapterKit

/// PHP's reading of a form key: `order[charges][0][amount]` is the path
/// `order`, `charges`, `0`, `amount`; an empty pair of brackets appends (`purchase_map[]`).
enum BracketKey {
    /// The path a decoded key names; `nil` steps append. A key whose brackets do not
    /// close is one plain name, as PHP treats it; text after the last `]` is ignored.
    static func path(of key: String, maximumDepth: Int) throws(AdapterError) -> [String?] {
        let utf8 = key.utf8
        guard let open = utf8.firstIndex(of: UInt8(ascii: "[")), open != utf8.startIndex else { return [key] }
        var path: [String?] = []
        path.reserveCapacity(6)
        path.append(String(key[..<open]))
        var index = open
        while index != utf8.endIndex, utf8[index] == UInt8(ascii: "[") {
            let start = utf8.index(after: index)
            guard let close = utf8[start...].firstIndex(of: UInt8(ascii: "]")) else {
                return path.count == 1 ? [key] : path
            }
            path.append(start == close ? nil : String(key[start..<close]))
            guard path.count <= maximumDepth + 1 else {
                throw AdapterError(.malformed, "form key nests deeper than \(maximumDepth) levels")
            }
            index = utf8.index(after: close)
        }
        return path
    }
}
