import AccessStore
import Foundation
import Hummingbird
import Logging

/// The creator's admin pages at `/admin`: sign in with an admin API key, then customers,
/// access, import and export, and operations, as server-rendered forms over ``SupportDesk``.
///
/// Sessions live in a cookie (`HttpOnly`, `SameSite=Strict`, `Path=/admin`, `Secure` except
/// on plain-HTTP loopback); every form carries the session's CSRF token. Facts they record
/// carry the actor `admin-page:KEY_NAME`.
public struct AdminPages: Sendable {
    let store: any AccessStore
    let desk: SupportDesk?
    let inbound: (any InboundLog)?
    let outbox: OutboxWorker?
    let live: LiveMapping
    let pages: WebPages
    let sessions: WebSessions
    let logger: Logger

    /// The session cookie's name.
    static let cookie = "coursegate_admin"
    /// The sign-in form's double-submit cookie: the form's token must equal it.
    static let loginCookie = "coursegate_admin_login"
    /// Customers per page of the list.
    static let pageSize = 25

    public init(store: any AccessStore, desk: SupportDesk?, inbound: (any InboundLog)?, outbox: OutboxWorker?,
                live: LiveMapping, pages: WebPages, sessions: WebSessions = WebSessions(), logger: Logger) {
        self.store = store
        self.desk = desk
        self.inbound = inbound
        self.outbox = outbox
        self.live = live
        self.pages = pages
        self.sessions = sessions
        self.logger = logger
    }

    /// Adds every `/admin` route to `router`.
    public func add(to router: Router<BasicRequestContext>) {
        router.get("/admin") { _, _ in WebPages.redirect(to: "/admin/customers") }
        addSignIn(to: router)
        addCustomers(to: router)
        addCustomer(to: router)
        addCSV(to: router)
        addOperations(to: router)
    }

    /// The desk, or a message that this gateway's store offers no support tools.
    func supportDesk() throws -> SupportDesk {
        guard let desk else { throw SupportError(.unsupported, "this gateway's store offers no support tools") }
        return desk
    }
}
