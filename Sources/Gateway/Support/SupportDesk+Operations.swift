import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// The error of an operation still being written (issue 6); goes away with the last of them.
    static func notYet(_ what: String) -> SupportError { SupportError(.unsupported, "\(what) is not built yet") }
}
