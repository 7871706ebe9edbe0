import AccessKernel
import AdapterKit

/// What one call of `verify` gave: facts, ignored, or a refusal. A crash cannot be
/// caught in-process: it ends the run, which is the loudest failure there is.
enum Outcome: Equatable {
    case facts([Fact])
    case ignored(String)
    case refused(AdapterError)

    static func of<A: ProviderAdapter>(_ adapter: A, _ request: InboundRequest) -> Outcome {
        do throws(AdapterError) {
            switch try adapter.verify(request) {
            case .facts(let facts): return .facts(facts)
            case .ignored(let reason): return .ignored(reason)
            }
        } catch {
            return .refused(error)
        }
    }

    var facts: [Fact] {
        if case .facts(let facts) = self { facts } else { [] }
    }

    var refusal: AdapterError.Kind? {
        if case .refused(let error) = self { error.kind } else { nil }
    }

    /// One line for a report.
    var summary: String {
        switch self {
        case .facts(let facts):
            "\(facts.count) fact(s) [\(facts.map(\.key.rawValue).joined(separator: ", "))]"
        case .ignored(let reason): "ignored (\(reason))"
        case .refused(let error): "refused \(error.kind.rawValue) (\(error.message))"
        }
    }
}
