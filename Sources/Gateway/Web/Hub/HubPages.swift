import AccessStore
import Foundation
import Hummingbird
import Logging
import MappingConfig

/// The customers' hub at `/hub`: no password anywhere. A customer asks for a sign-in link
/// by purchase email, opens it from the mail, and sees their courses, purchases, payments
/// and subscriptions (cancel and pause where the mapping's `hub` section allows), and
/// changes their name and email.
///
/// Links are single-use and live 24 hours; links and sessions are stored only as hashes
/// (``HubTokens``). Every form carries a CSRF token: the signed-in forms one derived from
/// the session's secret, the anonymous one a double-submit cookie. Facts it records carry
/// the actor `hub`.
public struct HubPages: Sendable {
    let desk: SupportDesk?
    let tokens: (any HubTokens)?
    let live: LiveMapping
    let pages: WebPages
    let limits: HubRateLimits
    let addresses = HubAddressCounter()
    let logger: Logger
    /// The clock; tests move it to expire links.
    let now: @Sendable () -> Date

    /// The session cookie.
    static let cookie = "coursegate_hub"
    /// The anonymous forms' double-submit cookie.
    static let formCookie = "coursegate_hub_form"
    /// How long a mailed link works.
    static let linkLifetime: TimeInterval = 24 * 3600
    /// How long a sign-in lasts.
    static let sessionLifetime: TimeInterval = 14 * 24 * 3600
    /// The actor of the facts the hub records.
    static let actor = "hub"

    /// - Parameters:
    ///   - store: the store; the hub works when it keeps hub tokens (``HubTokens``) and the
    ///     support desk exists, and answers 503 otherwise.
    public init(store: any AccessStore, desk: SupportDesk?, live: LiveMapping, pages: WebPages,
                limits: HubRateLimits = HubRateLimits(), logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.desk = desk
        self.tokens = store as? any HubTokens
        self.live = live
        self.pages = pages
        self.limits = limits
        self.logger = logger
        self.now = now
    }

    /// The `hub` section of the mapping in force.
    var settings: HubSettings { live.current.file.hub }

    /// Adds every `/hub` route to `router`.
    public func add(to router: Router<BasicRequestContext>) {
        addSignIn(to: router)
        addAccount(to: router)
    }

    /// The desk and token store, or the page saying the hub is not available here.
    func parts() throws -> (SupportDesk, any HubTokens) {
        guard let desk, let tokens else { throw HTTPError(.serviceUnavailable, message: "the customer hub needs the SQLite store") }
        return (desk, tokens)
    }

    /// `template` in the shared layout, with the hub's header.
    func render(_ template: String, _ data: [String: Any], title: String, visit: HubVisit? = nil,
                status: HTTPResponse.Status = .ok) -> Response {
        var data = data
        data["contact"] = settings.contact
        if let visit {
            data["csrf"] = visit.csrf
            data["signedIn"] = true
        }
        return pages.render(template, data, layout: ["title": title, "hub": true], status: status)
    }

    /// The address links in mails start with: `hub.url`, else the one this request came to.
    func baseURL(_ request: Request) -> String {
        if let url = settings.url { return url }
        let scheme = WebCookie.secure(for: request) ? "https" : "http"
        return "\(scheme)://\(request.head.authority ?? "localhost")/hub"
    }
}
