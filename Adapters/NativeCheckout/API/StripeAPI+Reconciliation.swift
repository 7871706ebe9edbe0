import AccessKernel
import AdapterKit
import Foundation

/// Recovering missed webhooks: Stripe's events read through the webhook path's decoding.
extension StripeAPI {
    /// The facts of the events Stripe could not deliver since `since`
    /// (`GET /v1/events?delivery_success=false&created[gte]=…`, every page).
    ///
    /// Stripe lists undelivered events of the last 30 days. An event the webhook path
    /// refuses (a payload it cannot read) is left out here too, as its webhook was; a
    /// checkout session that says nothing of what was bought has its line items fetched
    /// first. Facts come oldest first.
    func recentFacts(since: Date, progress: @Sendable (Int) -> Void) async throws(ProviderAPIError) -> [Fact] {
        let seconds = Int64(since.timeIntervalSince1970.rounded(.down))
        let filters: [(name: String, value: String)] = [("delivery_success", "false"), ("created[gte]", String(seconds))]
        var facts: [Fact] = []
        var read = 0
        var cursor: String?
        repeat {
            let (list, next) = try await page("/v1/events", query: filters, after: cursor)
            for root in list.data {
                let event = try Self.event(root)
                guard event.created.timeIntervalSince1970 >= TimeInterval(seconds),
                      case .verdict(.facts(let found)) = try await recovered(event) else { continue }
                facts += found
            }
            read += list.data.count
            progress(read)
            cursor = next
        } while cursor != nil
        // Stripe lists newest first.
        return facts.reversed()
    }

    /// The purchase facts of one checkout session (`cs_…`), keyed by the events that
    /// reported it, as their webhooks' facts are.
    ///
    /// A fact's key is its event's id, which the session itself does not name: the
    /// session is read (`GET /v1/checkout/sessions/{id}`, 404 is ``ProviderAPIError/Kind/notFound``),
    /// then its `checkout.session.completed` and `checkout.session.async_payment_succeeded`
    /// events are found in `GET /v1/events?type=…&created[gte]=<session created>`. An open
    /// or expired session sold nothing: no facts. A completed session whose events Stripe
    /// no longer lists (after 30 days) is ``ProviderAPIError/Kind/unsupported``: a fact keyed
    /// otherwise would not dedupe against its webhook's.
    func orderFacts(orderID: String) async throws(ProviderAPIError) -> [Fact] {
        let path = "/v1/checkout/sessions/\(Self.segment(orderID))"
        let session = try await object(.get, path)
        let created: Int64
        do throws(AdapterError) {
            try session.expect(kind: "checkout.session")
            guard try session.string("status") == "complete" else { return [] }
            created = try session.requiredInteger("created", because: "the session's events come after it")
        } catch {
            throw ProviderAPIError(.malformedResponse, "Stripe GET \(path) answered a session Coursegate cannot read: \(error.message)")
        }
        var facts: [Fact] = []
        var foundEvent = false
        for type in [StripeEventType.checkoutSessionCompleted, .checkoutSessionAsyncPaymentSucceeded] {
            var cursor: String?
            repeat {
                let (list, next) = try await page("/v1/events", query: [("type", type.rawValue), ("created[gte]", String(created))],
                                                  after: cursor)
                for root in list.data {
                    let event = try Self.event(root)
                    guard (try? event.object.string("id")) == orderID else { continue }
                    foundEvent = true
                    switch try await recovered(event) {
                    case .verdict(.facts(let found)): facts += found
                    case .verdict(.ignored): continue
                    case .refused(let error):
                        throw ProviderAPIError(.malformedResponse, "Stripe event \(event.id) of session \(orderID) cannot be read: \(error.message)")
                    }
                }
                cursor = next
            } while cursor != nil
        }
        guard foundEvent else {
            throw ProviderAPIError(.unsupported, """
                Stripe lists no checkout.session event of session \(orderID) (it keeps events 30 days); \
                without the event id its purchase cannot be keyed as its webhook's was
                """)
        }
        return facts.sorted { $0.occurredAt < $1.occurredAt }
    }

    /// What the webhook path makes of a listed event, or its refusal.
    enum Recovered {
        case verdict(Verdict)
        case refused(AdapterError)
    }

    /// Reads `event` as its webhook would be read; a checkout session without line items
    /// or metadata gets its line items from the API and is read again.
    func recovered(_ event: StripeEvent) async throws(ProviderAPIError) -> Recovered {
        let refusal: AdapterError
        do throws(AdapterError) {
            return .verdict(try EventVerdict.verdict(for: event, instance: instance))
        } catch {
            refusal = error
        }
        guard refusal.kind == .malformed, Self.isCheckoutSession(event.type), LineItems.areMissing(in: event.object),
              let sessionID = try? event.object.string("id") else { return .refused(refusal) }
        var completed = event
        completed.object = event.object.setting("line_items", to: try await lineItems(of: sessionID))
        do throws(AdapterError) {
            return .verdict(try EventVerdict.verdict(for: completed, instance: instance))
        } catch {
            return .refused(error)
        }
    }

    /// Every line item of a session (`GET /v1/checkout/sessions/{id}/line_items`, every
    /// page), as the expanded `line_items` list a webhook would carry.
    func lineItems(of sessionID: String) async throws(ProviderAPIError) -> JSONValue {
        let path = "/v1/checkout/sessions/\(Self.segment(sessionID))/line_items"
        var items: [JSONValue] = []
        var cursor: String?
        repeat {
            let (list, next) = try await page(path, query: [], after: cursor)
            items += list.data.map { .object($0.members) }
            cursor = next
        } while cursor != nil
        return .object(["object": .string("list"), "data": .array(items), "has_more": .bool(false), "url": .string(path)])
    }

    private static func isCheckoutSession(_ type: String) -> Bool {
        type == StripeEventType.checkoutSessionCompleted.rawValue
            || type == StripeEventType.checkoutSessionAsyncPaymentSucceeded.rawValue
    }

    /// The envelope of a listed event; one Coursegate cannot read is a malformed answer.
    private static func event(_ root: StripeObject) throws(ProviderAPIError) -> StripeEvent {
        do throws(AdapterError) {
            // Read from the top, so that messages name fields as the webhook path does.
            return try StripeEvent(StripeObject(members: root.members, path: ""))
        } catch {
            throw ProviderAPIError(.malformedResponse, "Stripe GET /v1/events listed an event Coursegate cannot read: \(error.message)")
        }
    }
}
