import AccessKernel
import AdapterKit
import Foundation

extension AdapterInstance {
    /// The instance a fixtures directory's `instance.json` describes:
    /// `{"id": "tc-main", "secrets": {"secret": "…"}, "acceptsTestEvents": true}`
    /// (`acceptsTestEvents` defaults to `true`; other keys, like `kind`, are ignored).
    public init(fixtureFile url: URL) throws {
        struct File: Decodable {
            var id: String
            var secrets: [String: String]
            var acceptsTestEvents: Bool?
        }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        self.init(id: file.id, secrets: file.secrets, acceptsTestEvents: file.acceptsTestEvents ?? true)
    }
}
