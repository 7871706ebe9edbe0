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
        let members = try JSONBody.object(body, maximumDepth: maximumDepth)
        var budget = URLEncodedForm.maximumFields
        let root = formValue(of: members, budget: &budget)
        guard budget >= 0 else {
            throw AdapterError(.malformed, "JSON body has more than \(URLEncodedForm.maximumFields) values")
        }
        guard case .table(let table) = root else { throw AdapterError(.malformed, "JSON body is not an object") }
        return table
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
