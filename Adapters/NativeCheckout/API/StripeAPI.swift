import AccessKernel
import AdapterKit
import Foundation
import Outbound

/// Stripe's API for one native-checkout instance: the events it could not deliver (to
/// recover missed webhooks), one checkout session's purchase, and refunds and
/// subscription cancel, pause and resume.
///
/// Every call goes through ``ProviderHTTP`` with `Authorization: Bearer <api_key>`, form
/// bodies, and at most one request per 50 ms (Stripe allows about 25 a second in live
/// mode). Listed events are read by the webhook path's own decoding (``EventVerdict``),
/// so their facts carry the keys the webhooks would have.
struct StripeAPI: ProviderAPI {
    /// Stripe's API; paths carry their `/v1`.
    static let defaultBaseURL = "https://api.stripe.com"
    static let defaultInterval: Duration = .milliseconds(50)
    /// Stripe's largest page.
    static let pageSize = 100

    let instance: AdapterInstance
    let http: ProviderHTTP

    init(instance: AdapterInstance, apiKey: String, connection: ProviderConnection) {
        var connection = connection
        // An `api_url` written as Stripe documents it (`…/v1`) names the same API.
        if var base = connection.baseURL {
            while base.hasSuffix("/") { base.removeLast() }
            if base.hasSuffix("/v1") { base.removeLast(3) }
            connection.baseURL = base
        }
        self.instance = instance
        http = ProviderHTTP(provider: "Stripe", connection: connection, defaultBaseURL: Self.defaultBaseURL,
                            defaultInterval: Self.defaultInterval,
                            headers: [HTTPHeader(name: "Authorization", value: "Bearer \(apiKey)"),
                                      HTTPHeader(name: "Accept", value: "application/json")])
    }

    /// Sends one call and reads its answer as a Stripe object.
    ///
    /// - Parameters:
    ///   - query: sent in the URL, form-encoded.
    ///   - form: the body, form-encoded; `nil` sends none.
    ///   - idempotencyKey: Stripe's `Idempotency-Key`, so that a retry after a dropped
    ///     connection or a 5xx cannot refund twice.
    func object(_ method: OutboundRequest.Method, _ path: String, query: [(name: String, value: String)] = [],
                form: [(name: String, value: String)]? = nil,
                idempotencyKey: String? = nil) async throws(ProviderAPIError) -> StripeObject {
        var target = path
        if !query.isEmpty { target += "?" + StripeForm.encode(query) }
        var headers: [HTTPHeader] = []
        var body: [UInt8] = []
        if let form {
            headers.append(HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded"))
            body = Array(StripeForm.encode(form).utf8)
        }
        if let idempotencyKey { headers.append(HTTPHeader(name: "Idempotency-Key", value: idempotencyKey)) }
        let response: OutboundResponse
        do throws(ProviderAPIError) {
            response = try await http.send(method, target, headers: headers, body: body)
        } catch {
            throw StripeErrorReason.reworded(error)
        }
        do throws(AdapterError) {
            return try EventBody.parse(response.body)
        } catch {
            throw ProviderAPIError(.malformedResponse, "Stripe \(method) \(path) answered \(response.status): \(error.message)",
                                   status: response.status)
        }
    }

    /// One page of a list call, starting after `cursor`.
    func page(_ path: String, query: [(name: String, value: String)],
              after cursor: String?) async throws(ProviderAPIError) -> (list: StripeList, next: String?) {
        var query = query + [("limit", String(Self.pageSize))]
        if let cursor { query.append(("starting_after", cursor)) }
        let answer = try await object(.get, path, query: query)
        do throws(AdapterError) {
            let list = try StripeList(answer)
            return (list, try list.nextCursor())
        } catch {
            throw ProviderAPIError(.malformedResponse, "Stripe GET \(path) answered a list Coursegate cannot read: \(error.message)")
        }
    }

    /// A path segment from an id (`cs_live_…`), escaped so that an id cannot change the path.
    static func segment(_ id: String) -> String { StripeForm.escape(id) }
}
