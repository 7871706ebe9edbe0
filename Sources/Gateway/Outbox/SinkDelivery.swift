import AccessStore
import Foundation
import Outbound

/// One attempt to deliver a sink event: the frozen payload as a Standard Webhooks request,
/// signed with this attempt's timestamp and the delivery's stable message id.
struct SinkDelivery {
    let sink: OutboxChannels.Sink?
    let client: CurlClient

    func attempt(_ delivery: OutboxDelivery) async -> AttemptOutcome {
        guard let sink else {
            return .retry("no sink \(delivery.target) is configured now; it waits until one is", retryAfter: .seconds(3600))
        }
        guard let event = Self.event(of: delivery) else { return .dead("unknown topic \(delivery.topic)") }
        let body: [UInt8]
        do {
            body = try event.body()
        } catch {
            return .dead("the event cannot be sent: \(error)")
        }
        let request = sink.signer.request(to: sink.url, id: delivery.messageID, timestamp: Int64(Date().timeIntervalSince1970),
                                          body: body)
        let outcome: DeliveryOutcome
        var detail: String
        do {
            let response = try await client.send(request)
            outcome = DeliveryOutcome(response: response)
            detail = "HTTP \(response.status)"
            let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
            if !response.isSuccess, !text.isEmpty { detail += ": " + String(text.prefix(200)) }
        } catch let error as OutboundError {
            outcome = DeliveryOutcome(error: error)
            detail = "\(error)"
        } catch {
            return .retry("\(error)", retryAfter: nil)
        }
        switch outcome {
        case .delivered: return .delivered
        case .disableEndpoint: return .sinkGone(sink.name, reason: "\(sink.url) answered 410 Gone")
        case .retry(let retryAfter): return .retry(detail, retryAfter: retryAfter)
        case .giveUp: return .dead(detail)
        }
    }

    /// The sink event a delivery stands for.
    static func event(of delivery: OutboxDelivery) -> SinkEvent? {
        guard let kind = SinkEvent.Kind(rawValue: delivery.topic) else { return nil }
        let payload = delivery.payload
        return SinkEvent(kind: kind, timestamp: payload.at,
                         data: SinkEventData(customerEmail: payload.customerEmail, customerName: payload.customerName,
                                             courseID: payload.course, orderReference: payload.orderReference,
                                             status: payload.status, expiresAt: payload.expiresAt))
    }
}
