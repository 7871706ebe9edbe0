import AccessKernel

/// What one Stripe event means for access: a kernel event about a customer, or a reason
/// to answer it `ignored`.
enum DecodedEvent {
    case event(Event, CustomerRef)
    case ignored(String)
}
