import AccessKernel
import Yams

extension NodeReader {
    /// A `policies:` block: every policy optional, every value checked.
    mutating func policies(_ node: Node, _ key: String) -> PolicyOverrides {
        var result = PolicyOverrides()
        let allowed: Set = ["on_refund", "on_partial_refund", "on_cancel", "on_admin_cancel", "on_hub_cancel",
                            "on_pause", "on_payment_failed", "on_dispute"]
        for (name, _, value) in pairs(node, key, allowed: allowed) {
            let path = "\(key).\(name)"
            switch name {
            case "on_refund": result.onRefund = choice(value, path, RefundPolicy.self)
            case "on_partial_refund": result.onPartialRefund = choice(value, path, RefundPolicy.self)
            case "on_cancel": result.onCancel = choice(value, path, CancelPolicy.self)
            case "on_admin_cancel": result.onAdminCancel = choice(value, path, CancelPolicy.self)
            case "on_hub_cancel": result.onHubCancel = choice(value, path, CancelPolicy.self)
            case "on_pause": result.onPause = choice(value, path, PausePolicy.self)
            case "on_dispute": result.onDispute = choice(value, path, DisputePolicy.self)
            case "on_payment_failed": result.onPaymentFailed = paymentFailed(value, path)
            default: break
            }
        }
        return result
    }

    /// `keep`, or `{revoke_after_days: N}`.
    private mutating func paymentFailed(_ node: Node, _ key: String) -> PaymentFailedPolicy? {
        if node.string == "keep" { return .keep }
        if node.mapping != nil {
            let entries = pairs(node, key, allowed: ["revoke_after_days"])
            guard let (_, _, days) = entries.first else {
                report(node, key, "expected keep or revoke_after_days: N")
                return nil
            }
            return positiveInt(days, "\(key).revoke_after_days").map { .revokeAfterDays($0) }
        }
        report(node, key, "unknown value \(node.string ?? "?"); expected keep or revoke_after_days: N")
        return nil
    }
}
