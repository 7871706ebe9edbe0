import AdapterKit
import Foundation

/// Reads the JSON variant of a ThriveCart delivery into the same tree as the form one.
///
/// JSON must be UTF-8 (RFC 8259); Foundation would also guess UTF-16 and UTF-32, so the
/// bytes are checked first, along with the nesting depth, before JSONSerialization
/// sees them. Numbers and booleans become the text PHP would send (`2700`, `1`, `0`).
enum JSONForm {
    /// Deepest array/object nesting accepted.
    static let maximumDepth = 32

    /// The tree a JSON object body describes.
    static func parse(_ body: [UInt8]) throws(AdapterError) -> FormTable {
        try checkShape(body)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw AdapterError(.malformed, "body is not valid JSON")
        }
        guard let members = object as? [String: Any] else {
            throw AdapterError(.malformed, "JSON body is not an object")
        }
        var budget = URLEncodedForm.maximumFields
        let root = formValue(of: members, budget: &budget)
        guard budget >= 0 else {
            throw AdapterError(.malformed, "JSON body has more than \(URLEncodedForm.maximumFields) values")
        }
        guard case .table(let table) = root else { throw AdapterError(.malformed, "JSON body is not an object") }
        return table
    }

    /// Refuses bodies that are not UTF-8, contain NUL, or nest too deep.
    private static func checkShape(_ body: [UInt8]) throws(AdapterError) {
        guard String(validating: body, as: UTF8.self) != nil else {
            throw AdapterError(.malformed, "JSON body is not valid UTF-8")
        }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in body {
            if byte == 0 { throw AdapterError(.malformed, "JSON body contains a NUL byte; not UTF-8 JSON") }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maximumDepth { throw AdapterError(.malformed, "JSON body nests deeper than \(maximumDepth) levels") }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
    }

    /// The form value PHP would have received: `null` is absent, lists have integer keys,
    /// object members are ordered numerically then by name (JSON gives no order). Each
    /// value spends one of `budget`; past zero the rest is skipped (and refused).
    private static func formValue(of value: Any, budget: inout Int) -> FormValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        // Collections first: casting a dictionary to NSNumber would bridge it to NSDictionary.
        switch value {
        case let members as [String: Any]:
            guard members.count <= budget else { budget = -1; return nil }
            var table = FormTable()
            let keys = members.keys.sorted { left, right in
                switch (Int(left), Int(right)) {
                case let (l?, r?): return l < r
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return left < right
                }
            }
            for key in keys {
                if let member = members[key], let value = formValue(of: member, budget: &budget) { table.set(value, for: key) }
            }
            return .table(table)
        case let list as [Any]:
            guard list.count <= budget else { budget = -1; return nil }
            var table = FormTable()
            for (index, element) in list.enumerated() {
                if let value = formValue(of: element, budget: &budget) { table.set(value, for: String(index)) }
            }
            return .table(table)
        case let text as String:
            return .text(text)
        case is NSNull:
            return nil
        case let number as NSNumber:
            // Booleans are NSNumbers too; their `stringValue` is `1` or `0`, as in PHP.
            return .text(number.stringValue)
        default:
            return nil
        }
    }
}
