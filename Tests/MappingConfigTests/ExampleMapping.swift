import AccessKernel
import Foundation
import MappingConfig
import NativeCheckout
import SendOwl
import ThriveCart

/// The shipped example mapping, and the provider kinds it is checked against.
enum ExampleMapping {
    static let kinds = [ThriveCartAdapter.kind, SendOwl.kind, NativeCheckout.kind]

    static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Examples/coursegate.yaml").path
    }()

    static var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// The example with `original` replaced by `replacement`, which must occur exactly once.
    static func editing(_ text: String, _ original: String, _ replacement: String) -> String {
        precondition(text.components(separatedBy: original).count == 2, "\(original) must occur once in the example")
        return text.replacingOccurrences(of: original, with: replacement)
    }

    /// The 1-based line on which `needle` first occurs.
    static func line(of needle: String, in text: String) -> Int? {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }
}
