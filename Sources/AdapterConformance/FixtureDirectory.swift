import AccessKernel
import Foundation

/// A fixtures directory read into fixtures and their expectations (see
/// ``ConformanceFixture`` for the convention).
struct FixtureDirectory {
    var fixtures: [ConformanceFixture] = []
    /// Expectations by fixture name.
    var expectations: [String: FixtureExpectation] = [:]
    /// Problems with the directory itself: unreadable or orphaned expected files.
    var problems: [String] = []

    init(_ url: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        for file in names where !file.hasPrefix(".") && !file.hasPrefix("README") && file != "instance.json" {
            let fileURL = url.appendingPathComponent(file)
            if file.hasSuffix(".expected.json") {
                let name = String(file.dropLast(".expected.json".count))
                do {
                    expectations[name] = try FixtureExpectation(Data(contentsOf: fileURL))
                } catch {
                    problems.append("\(file): \(error)")
                }
                continue
            }
            guard let dot = file.lastIndex(of: "."), dot != file.startIndex else {
                problems.append("\(file): a fixture is named NAME.EXT")
                continue
            }
            let body = try Data(contentsOf: fileURL)
            fixtures.append(ConformanceFixture(name: String(file[..<dot]),
                                               fileExtension: String(file[file.index(after: dot)...]),
                                               body: Array(body)))
        }
        let named = Set(fixtures.map(\.name))
        for name in expectations.keys.sorted() where !named.contains(name) {
            problems.append("\(name).expected.json has no fixture \(name).EXT")
        }
    }
}

/// What a fixture must decode to, read from `NAME.expected.json`.
enum FixtureExpectation: Sendable {
    case facts([Fact])
    /// Ignored; with the exact reason, or `nil` for any reason.
    case ignored(String?)
    case refused(String)

    init(_ data: Data) throws {
        if let facts = try? Fact.makeDecoder().decode([Fact].self, from: data) {
            self = .facts(facts)
            return
        }
        let object = try JSONDecoder().decode(Marker.self, from: data)
        if let refused = object.refused {
            self = .refused(refused)
        } else if let reason = object.ignoredReason {
            self = .ignored(reason)
        } else if object.ignoredAnyReason {
            self = .ignored(nil)
        } else {
            throw ExpectationError(description: "neither an array of facts, {\"ignored\": …} nor {\"refused\": …}")
        }
    }

    private struct Marker: Decodable {
        var ignoredReason: String?
        var ignoredAnyReason = false
        var refused: String?

        enum CodingKeys: String, CodingKey { case ignored, refused }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ignoredReason = try? container.decode(String.self, forKey: .ignored)
            ignoredAnyReason = (try? container.decode(Bool.self, forKey: .ignored)) == true
            refused = try container.decodeIfPresent(String.self, forKey: .refused)
        }
    }

    private struct ExpectationError: Error, CustomStringConvertible {
        var description: String
    }
}
