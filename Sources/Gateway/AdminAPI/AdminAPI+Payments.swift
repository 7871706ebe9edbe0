import AccessStore
import Foundation
import Hummingbird

extension AdminAPI {
    /// Refunds and subscription actions through the provider's API.
    var paymentRoutes: [AdminRoute] {
        [
            AdminRoute(.post, "/v1/customers/{id}/refunds", scope: .admin) { request in
                let id = try request.customerID()
                let body = try await request.body(RefundBody.self)
                if let amount = body.amountCents, amount <= 0 {
                    throw SupportError(.invalid, "amount_cents must be more than 0; leave it out to refund in full",
                                       field: "amount_cents")
                }
                let outcome = try await supportDesk().payment(
                    .refund(instance: body.instance, orderID: body.orderId, paymentID: body.paymentId, itemReference: body.item,
                            amountCents: body.amountCents, reason: body.reason),
                    customerID: id, by: request.actor)
                return try AdminJSON.response(outcome)
            },
            subscriptionRoute("cancel") { .cancel(instance: $0, subscriptionID: $1, orderID: $2) },
            subscriptionRoute("pause") { .pause(instance: $0, subscriptionID: $1, orderID: $2) },
            subscriptionRoute("resume") { .resume(instance: $0, subscriptionID: $1, orderID: $2) },
        ]
    }

    private func subscriptionRoute(
        _ action: String, _ make: @escaping @Sendable (String, String, String?) -> PaymentRequest
    ) -> AdminRoute {
        AdminRoute(.post, "/v1/customers/{id}/subscriptions/{subscription}/\(action)", scope: .admin) { request in
            let id = try request.customerID()
            let subscription = request.parameter("subscription")
            let body = try await request.body(SubscriptionBody.self)
            let outcome = try await supportDesk().payment(make(body.instance, subscription, body.orderId),
                                                          customerID: id, by: request.actor)
            return try AdminJSON.response(outcome)
        }
    }
}
