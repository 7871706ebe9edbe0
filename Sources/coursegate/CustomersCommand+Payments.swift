import AccessKernel
import ArgumentParser
import Foundation
import Gateway

extension CustomersCommand {
    struct Refund: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refund an order through the provider, in full or in part.",
            discussion: """
                Access follows the mapping's policies (a partial refund keeps access unless \
                on_partial_refund says revoke). The instance needs its API secret.
                """)

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @OptionGroup var target: PaymentTarget

        @Option(help: "The order id.")
        var order: String

        @Option(help: ArgumentHelp("Refund this much (in cents) instead of everything.", valueName: "CENTS"))
        var amount: Int?

        @Option(help: ArgumentHelp("Refund one item of the order (the provider's item reference).", valueName: "REF"))
        var item: String?

        @Option(help: ArgumentHelp("Refund one payment of the order (a subscription's renewal).", valueName: "ID"))
        var payment: String?

        @Option(help: "Why, for the provider's records.")
        var reason: String?

        @OptionGroup var support: SupportOptions

        func validate() throws {
            if let amount, amount <= 0 { throw ValidationError("--amount must be a positive number of cents") }
        }

        func run() async throws {
            try await target.perform(.refund(instance: target.instance, orderID: order, paymentID: payment, itemReference: item,
                                             amountCents: amount, reason: reason), email: email, support: support)
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a subscription through the provider.",
            discussion: "Payments stop; access follows on_admin_cancel (keep by default).")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @OptionGroup var target: SubscriptionTarget
        @OptionGroup var support: SupportOptions

        func run() async throws {
            try await target.payment.perform(.cancel(instance: target.payment.instance, subscriptionID: target.subscription,
                                                     orderID: target.order), email: email, support: support)
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause a subscription through the provider.", discussion: "Access follows on_pause.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @OptionGroup var target: SubscriptionTarget
        @OptionGroup var support: SupportOptions

        func run() async throws {
            try await target.payment.perform(.pause(instance: target.payment.instance, subscriptionID: target.subscription,
                                                    orderID: target.order), email: email, support: support)
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused subscription through the provider.")

        @Argument(help: "The customer's email (current or former).")
        var email: String

        @OptionGroup var target: SubscriptionTarget
        @OptionGroup var support: SupportOptions

        func run() async throws {
            try await target.payment.perform(.resume(instance: target.payment.instance, subscriptionID: target.subscription,
                                                     orderID: target.order), email: email, support: support)
        }
    }
}

/// `--instance I`: the provider account a payment command acts through.
struct PaymentTarget: ParsableArguments {
    @Option(help: "The provider instance, as named in the mapping file.")
    var instance: String

    func perform(_ request: PaymentRequest, email: String, support: SupportOptions) async throws {
        let context = try await support.open(providers: true)
        let id = try await context.customerID(email)
        let outcome = try await context.perform { try await $0.payment(request, customerID: id, by: SupportContext.actor) }
        print(outcome.summary + (outcome.providerReference.map { " (\($0))" } ?? ""))
        for line in CustomerText.changes(outcome.changes) { print("  \(line)") }
    }
}

/// `--instance I --subscription S [--order O]`.
struct SubscriptionTarget: ParsableArguments {
    @OptionGroup var payment: PaymentTarget

    @Option(help: "The provider's subscription id.")
    var subscription: String

    @Option(help: "The order the subscription belongs to (some providers need it).")
    var order: String?
}
