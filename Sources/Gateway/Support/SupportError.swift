import AdapterKit

/// Why a support operation was refused, in terms the API turns into a status and the CLI
/// into a message: 404 not found, 422 invalid (with the field), 409 conflict, 501
/// unsupported, 502 provider.
public struct SupportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No such customer, course, product, order or delivery.
        case notFound
        /// A value is not acceptable; ``SupportError/field`` names it.
        case invalid
        /// It clashes with what exists (an email that belongs to another customer).
        case conflict
        /// Not possible here (the provider cannot pause; the instance has no API key).
        case unsupported
        /// The provider's API refused or failed.
        case provider
    }

    public var kind: Kind
    public var message: String
    /// The request field at fault, for ``Kind/invalid`` (`email`, `courses[1]`, `expires_at`).
    public var field: String?
    /// The provider's error, for ``Kind/provider``.
    public var providerError: ProviderAPIError?

    public init(_ kind: Kind, _ message: String, field: String? = nil, providerError: ProviderAPIError? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
        self.providerError = providerError
    }

    public var description: String { field.map { "\($0): \(message)" } ?? message }
}
