/// Someone who buys through the native checkout, as Stripe knows them.
public struct StripeBuyer: Sendable, Hashable {
    /// The Stripe customer (`cus_…`); `nil` for a guest in a payment-mode session.
    public var customerID: String?
    public var email: String
    public var name: String
    public var country: String

    public init(customerID: String?, email: String, name: String, country: String) {
        self.customerID = customerID
        self.email = email
        self.name = name
        self.country = country
    }
}
