import Foundation
import Testing

@Suite("coursegate mapping check")
struct MappingCheckCommandTests {
    @Test("the example mapping checks out with exit status 0")
    func example() throws {
        let result = try CLI.run(["mapping", "check", "Examples/coursegate.yaml"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Examples/coursegate.yaml: OK"))
    }

    @Test("a copy with five mistakes exits non-zero listing all five with file and line")
    func fiveMistakes() throws {
        var text = try String(contentsOf: CLI.repository.appendingPathComponent("Examples/coursegate.yaml"), encoding: .utf8)
        for (original, replacement) in [
            ("courses: [bonus-toolkit]", "courses: [bonus-tolkit]"),
            ("courses: [sandbox]", "courses: [draft-course]"),
            ("- instance: tc-second\n", "- instance: tc-third\n"),
            ("      signing_key: env:SENDOWL_SIGNING_KEY\n", ""),
            ("on_pause: suspend             # suspend | keep", "on_pause: freeze"),
        ] {
            text = text.replacingOccurrences(of: original, with: replacement)
        }
        let path = CLI.temporaryFile("broken.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["mapping", "check", path])
        #expect(result.status == 1)
        let lines = result.errors.split(separator: "\n").filter { $0.hasPrefix("  \(path):") }
        #expect(lines.count == 5, "\(result.errors)")
        for fragment in ["bonus-tolkit", "draft-course is not published", "tc-third", "signing_key", "freeze"] {
            #expect(lines.contains { $0.contains(fragment) }, "missing \(fragment) in \(result.errors)")
        }
    }

    @Test("a missing file is named in the error")
    func missingFile() throws {
        let result = try CLI.run(["mapping", "check", "nowhere.yaml"])
        #expect(result.status == 1)
        #expect(result.errors.contains("nowhere.yaml"))
    }

    @Test("--help explains the commands")
    func help() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("mapping") && result.output.contains("access"))
    }
}
