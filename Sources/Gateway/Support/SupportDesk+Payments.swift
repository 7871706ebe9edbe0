import AccessKernel
import AccessStore
import Foundation

extension SupportDesk {
    /// Refunds, cancels, pauses or resumes through the provider's API; access follows the
    /// mapping's policies (an admin cancel keeps access unless `on_admin_cancel` says otherwise).
    public func payment(_ request: PaymentRequest, customerID: Int64, by actor: String) async throws -> PaymentOutcome {
        throw Self.notYet("payments")
    }
}
