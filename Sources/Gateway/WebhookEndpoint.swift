import AccessStore
import AdapterKit
import Foundation
import Hummingbird
import Logging

/// `POST /webhooks/{instance}`: verify a delivery with its instance's adapter, record its
/// facts through the group committer, and answer only once they are durable.
/// `GET` and `HEAD` on the same path answer 200 for providers' URL checks.
///
/// What every `POST` came to (recorded, duplicate, ignored, rejected, with the status
/// answered) is noted in the ``InboundJournal``, which writes it off the request path.
struct WebhookEndpoint: Sendable {
    /// The live mapping's adapters, read once per request.
    let instances: @Sendable () -> WebhookInstances
    let committer: GroupCommitter
    let maxBodySize: Int
    let journal: InboundJournal?
    let logger: Logger

    func add(to router: Router<BasicRequestContext>) {
        router.post("/webhooks/:instance") { request, context in try await receive(request, context: context) }
        router.get("/webhooks/:instance") { _, context in try check(context: context, body: true) }
        router.head("/webhooks/:instance") { _, context in try check(context: context, body: false) }
    }

    /// Answers a URL check: 200 for a configured instance.
    private func check(context: BasicRequestContext, body: Bool) throws -> Response {
        let id = context.parameters.get("instance") ?? ""
        guard instances().adapters[id] != nil else { throw GatewayError.unknownInstance(id) }
        guard body else { return Response(status: .ok) }
        var answer = JSONObject()
        answer.field("status", "ok")
        answer.field("instance", id)
        return answer.response(status: .ok)
    }

    /// Receives a delivery and notes what it came to, refusals included.
    private func receive(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let id = context.parameters.get("instance") ?? ""
        let receivedAt = Date()
        do {
            let (response, entry) = try await handle(request, instance: id, receivedAt: receivedAt)
            journal?.note(entry)
            return response
        } catch {
            let refusal = error as? GatewayError ?? .internalError
            journal?.note(InboundDelivery(instance: String(id.prefix(100)), receivedAt: receivedAt, outcome: .rejected,
                                          httpStatus: refusal.status.code, detail: refusal.message))
            throw error
        }
    }

    private func handle(_ request: Request, instance id: String,
                        receivedAt: Date) async throws -> (Response, InboundDelivery) {
        let adapter = try adapter(for: id)
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodySize {
            throw GatewayError.bodyTooLarge(limit: maxBodySize)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodySize)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw GatewayError.bodyTooLarge(limit: maxBodySize)
        }
        let inbound = InboundRequest(method: request.method.rawValue,
                                     headers: request.headers.map { (name: $0.name.rawName, value: $0.value) },
                                     body: Array(buffer.readableBytesView), receivedAt: receivedAt)
        let verdict: Verdict
        do {
            verdict = try adapter.verify(inbound)
        } catch {
            throw refusal(error, instance: id)
        }
        switch verdict {
        case .ignored(let reason):
            return (Self.ignored(reason), InboundDelivery(instance: id, receivedAt: receivedAt, outcome: .ignored,
                                                          httpStatus: 200, detail: reason))
        case .facts(let facts) where facts.isEmpty:
            let reason = "the delivery carries no facts"
            return (Self.ignored(reason), InboundDelivery(instance: id, receivedAt: receivedAt, outcome: .ignored,
                                                          httpStatus: 200, detail: reason))
        case .facts(let facts):
            let outcome = try await committer.record(facts)
            var answer = JSONObject()
            let isDuplicate = outcome.results.allSatisfy { $0 == .duplicate }
            answer.field("status", isDuplicate ? "duplicate" : "recorded")
            answer.field("facts", facts.count)
            let duplicates = outcome.results.count { $0 == .duplicate }
            let entry = InboundDelivery(
                instance: id, receivedAt: receivedAt, outcome: isDuplicate ? .duplicate : .recorded, httpStatus: 200,
                detail: isDuplicate ? "every fact was recorded before"
                    : "\(facts.count - duplicates) facts recorded" + (duplicates > 0 ? ", \(duplicates) recorded before" : ""),
                factKeys: facts.map(\.key.rawValue))
            return (answer.response(status: .ok), entry)
        }
    }

    private func adapter(for id: String) throws -> any ProviderAdapter {
        guard let adapter = instances().adapters[id] else { throw GatewayError.unknownInstance(id) }
        return adapter
    }

    /// The HTTP answer to an adapter's refusal; misconfiguration is the operator's problem,
    /// so it is logged and the provider is told only that the gateway failed.
    private func refusal(_ error: AdapterError, instance: String) -> GatewayError {
        let status: HTTPResponse.Status
        switch error.kind {
        case .unauthenticated: status = .unauthorized
        case .malformed, .stale: status = .badRequest
        case .unsupportedMediaType: status = .unsupportedMediaType
        case .misconfigured:
            logger.error("adapter misconfigured", metadata: ["instance": "\(instance)", "error": "\(error.message)"])
            return GatewayError(.internalServerError, code: error.kind.rawValue,
                                message: "instance \(instance) is misconfigured; the details are in the gateway's log")
        }
        logger.info("webhook refused", metadata: ["instance": "\(instance)", "code": "\(error.kind.rawValue)"])
        return GatewayError(status, code: error.kind.rawValue, message: error.message)
    }

    private static func ignored(_ reason: String) -> Response {
        var answer = JSONObject()
        answer.field("status", "ignored")
        answer.field("reason", reason)
        return answer.response(status: .ok)
    }
}
