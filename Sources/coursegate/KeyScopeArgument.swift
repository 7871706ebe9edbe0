import AccessStore
import ArgumentParser

/// `--scope read|admin` as the command line spells it.
enum KeyScopeArgument: String, ExpressibleByArgument, CaseIterable {
    case read, admin

    var scope: APIKey.Scope {
        switch self {
        case .read: .read
        case .admin: .admin
        }
    }
}
