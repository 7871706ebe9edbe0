/// What a refund, cancel, pause, failed payment or dispute does to the access a source
/// gave. Resolved per route: route override, else instance default, else provider default.
public struct Policies: Sendable, Hashable, Codable {
    /// A full refund.
    public var onRefund: RefundPolicy
    /// A refund of less than was charged.
    public var onPartialRefund: RefundPolicy
    /// A cancellation reported by the provider (made there by anybody).
    public var onCancel: CancelPolicy
    /// A cancellation made by an admin through Coursegate: by default it only stops payments.
    public var onAdminCancel: CancelPolicy
    /// A cancellation made by the customer in Coursegate's hub: by default access ends at once.
    public var onHubCancel: CancelPolicy
    public var onPause: PausePolicy
    public var onPaymentFailed: PaymentFailedPolicy
    public var onDispute: DisputePolicy

    public init(onRefund: RefundPolicy = .revoke, onPartialRefund: RefundPolicy = .keep,
                onCancel: CancelPolicy = .periodEnd, onAdminCancel: CancelPolicy = .keep,
                onHubCancel: CancelPolicy = .revokeNow, onPause: PausePolicy = .suspend,
                onPaymentFailed: PaymentFailedPolicy = .keep, onDispute: DisputePolicy = .revoke) {
        self.onRefund = onRefund
        self.onPartialRefund = onPartialRefund
        self.onCancel = onCancel
        self.onAdminCancel = onAdminCancel
        self.onHubCancel = onHubCancel
        self.onPause = onPause
        self.onPaymentFailed = onPaymentFailed
        self.onDispute = onDispute
    }

    /// The policy that applies to a cancellation by this initiator.
    public func cancelPolicy(for initiator: Cancellation.Initiator) -> CancelPolicy {
        switch initiator {
        case .provider: onCancel
        case .admin: onAdminCancel
        case .customer: onHubCancel
        }
    }
}

public enum RefundPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case revoke, keep
}

public enum CancelPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case revokeNow = "revoke_now", periodEnd = "period_end", keep
}

public enum PausePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case suspend, keep
}

public enum PaymentFailedPolicy: Sendable, Hashable, Codable {
    case keep
    case revokeAfterDays(Int)
}

public enum DisputePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case revoke, keep
}

/// Policy values a route or instance sets; `nil` inherits.
public struct PolicyOverrides: Sendable, Hashable, Codable {
    public var onRefund: RefundPolicy?
    public var onPartialRefund: RefundPolicy?
    public var onCancel: CancelPolicy?
    public var onAdminCancel: CancelPolicy?
    public var onHubCancel: CancelPolicy?
    public var onPause: PausePolicy?
    public var onPaymentFailed: PaymentFailedPolicy?
    public var onDispute: DisputePolicy?

    public init() {}

    /// These overrides applied on top of `base`.
    public func applied(to base: Policies) -> Policies {
        var result = base
        if let onRefund { result.onRefund = onRefund }
        if let onPartialRefund { result.onPartialRefund = onPartialRefund }
        if let onCancel { result.onCancel = onCancel }
        if let onAdminCancel { result.onAdminCancel = onAdminCancel }
        if let onHubCancel { result.onHubCancel = onHubCancel }
        if let onPause { result.onPause = onPause }
        if let onPaymentFailed { result.onPaymentFailed = onPaymentFailed }
        if let onDispute { result.onDispute = onDispute }
        return result
    }
}
