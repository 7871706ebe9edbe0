import AdapterKit

extension FixtureRun {
    /// Bodies no provider sends are refused, never crash, never half-decode.
    func hostileBodyChecks() -> [ConformanceCheck] {
        [emptyBodyCheck(), truncationCheck(), malformedCheck("random binary is malformed") { _ in
            [("4 KiB of random bytes", HostileBodies.random(count: 4096))]
        }, malformedCheck("a huge body is malformed") { fixture in
            [("\(suite.hugeBodySize) bytes", HostileBodies.huge(fixture.body, size: suite.hugeBodySize))]
        }, malformedCheck("a body in UTF-16 is malformed", everyFixture: true) { fixture in
            [("in UTF-16LE with BOM", HostileBodies.utf16LittleEndian(fixture.body)),
             ("in UTF-16BE", HostileBodies.utf16BigEndian(fixture.body))]
        }, malformedCheck("invalid UTF-8 is malformed", everyFixture: true) { fixture in
            [("with invalid UTF-8 inside", HostileBodies.invalidUTF8(fixture.body))]
        }, malformedCheck("deep nesting is malformed") { fixture in
            HostileBodies.deeplyNested(fileExtension: fixture.fileExtension).map { [("nested 10,000 deep", $0)] } ?? []
        }, contentTypeCheck()]
    }

    private func emptyBodyCheck() -> ConformanceCheck {
        malformedCheck("an empty body is malformed") { _ in [("empty", []), ("whitespace only", Array(" \r\n".utf8))] }
    }

    /// For each fixture (all of them, or one per encoding), the variants `make` gives
    /// must be refused `malformed`.
    private func malformedCheck(_ name: String, everyFixture: Bool = false,
                                _ make: (ConformanceFixture) -> [(String, [UInt8])]) -> ConformanceCheck {
        var problems: [String] = []
        for fixture in everyFixture ? deliveries : onePerEncoding {
            for (label, body) in make(fixture) {
                let result = outcome(suite.request(fixture, body: body, variant: label))
                if result.refusal != .malformed {
                    problems.append("\(fixture.fileName) \(label): \(result.summary), not refused malformed")
                }
            }
        }
        return .from(name, problems: problems)
    }

    /// A body cut short is refused (malformed, or unauthenticated when the cut took the
    /// credential). In encodings that do not show where they end (form), a cut body may
    /// read as a shorter valid one; there it only must not crash.
    private func truncationCheck() -> ConformanceCheck {
        var problems: [String] = []
        var tolerated = 0
        for fixture in deliveries {
            let strict = suite.selfDelimitingExtensions.contains(fixture.fileExtension)
            for cut in HostileBodies.cutPoints(of: fixture.body.count, points: suite.truncationPoints) {
                let result = outcome(suite.request(fixture, body: Array(fixture.body[..<cut]), variant: "cut at byte \(cut)"))
                if result.refusal == .malformed || result.refusal == .unauthenticated { continue }
                if strict {
                    problems.append("\(fixture.fileName) cut at byte \(cut) of \(fixture.body.count): \(result.summary)")
                } else {
                    tolerated += 1
                }
            }
        }
        let note = tolerated == 0 ? "" :
            "\(tolerated) cut(s) of bodies that do not show their end still decoded; the HTTP layer's length check guards those"
        return .from("a truncated body is refused", problems: problems, note: note)
    }

    /// A wrong or missing `Content-Type` is refused (unsupported media type or malformed).
    private func contentTypeCheck() -> ConformanceCheck {
        var problems: [String] = []
        for fixture in onePerEncoding {
            for contentType in ["text/plain; charset=utf-8", "application/octet-stream", nil] as [String?] {
                var request = suite.request(fixture)
                request.headers.removeAll { $0.name.lowercased() == "content-type" }
                if let contentType { request.headers.append(("Content-Type", contentType)) }
                let result = outcome(request)
                if result.refusal != .unsupportedMediaType && result.refusal != .malformed {
                    problems.append("\(fixture.fileName) sent as \(contentType ?? "no Content-Type"): \(result.summary)")
                }
            }
        }
        return .from("a wrong content type is refused", problems: problems)
    }
}
