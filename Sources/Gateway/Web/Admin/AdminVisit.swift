import AccessStore
import Foundation
import Hummingbird

/// One signed-in request to the admin pages: the session, and for a POST its form (whose
/// CSRF token was checked).
struct AdminVisit: Sendable {
    let request: Request
    let context: BasicRequestContext
    let token: String
    let session: WebSession
    let form: FormFields

    /// Who acts, as facts record it.
    var actor: String { "admin-page:\(session.name)" }

    /// A path parameter.
    func parameter(_ name: String) -> String { context.parameters.get(name) ?? "" }

    /// A query parameter, `nil` when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters[name[...]], !value.isEmpty else { return nil }
        return String(value)
    }

    /// The customer of `{id}`.
    func customerID() throws -> Int64 {
        guard let id = Int64(parameter("id")) else { throw SupportError(.notFound, "no customer \(parameter("id"))") }
        return id
    }
}

extension AdminPages {
    /// A page answering GET: redirected to sign-in without a session; a support error shows
    /// as the page's message, anything else as a plain error page that leaks nothing.
    func page(_ router: Router<BasicRequestContext>, _ path: RouterPath,
              _ handler: @escaping @Sendable (AdminVisit) async throws -> Response) {
        router.get(path) { request, context in
            guard let (token, session) = try await signedIn(request) else { return WebPages.redirect(to: "/admin/login") }
            let visit = AdminVisit(request: request, context: context, token: token, session: session, form: FormFields(""))
            do {
                return try await handler(visit)
            } catch let error as SupportError {
                return render("admin/problem", ["message": error.description], visit: visit, title: "Not possible",
                              status: error.kind == .notFound ? .notFound : .unprocessableContent)
            } catch {
                logger.error("admin page failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: type(of: error)))"])
                return render("admin/problem", ["message": "Something went wrong on our side; the details are in the gateway's log."],
                              visit: visit, title: "Error", status: .internalServerError)
            }
        }
    }

    /// A form target answering POST with a redirect and a message: refused (403) without
    /// the session's CSRF token; a support error goes back to `back` with its message.
    func action(_ router: Router<BasicRequestContext>, _ path: RouterPath,
                back: @escaping @Sendable (AdminVisit) -> String,
                _ handler: @escaping @Sendable (AdminVisit) async throws -> (location: String, message: String)) {
        router.post(path) { request, context in
            guard let (token, session) = try await signedIn(request) else { return WebPages.redirect(to: "/admin/login") }
            let form = try await FormFields.read(request, limit: 8 << 20)
            guard RandomToken.matches(form["csrf"], session.csrf) else { return forbidden() }
            let visit = AdminVisit(request: request, context: context, token: token, session: session, form: form)
            do {
                let (location, message) = try await handler(visit)
                sessions.flash(token: token, .init(message))
                return WebPages.redirect(to: location)
            } catch let error as SupportError {
                sessions.flash(token: token, .init(error.description, isError: true))
                return WebPages.redirect(to: back(visit))
            } catch {
                logger.error("admin action failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: type(of: error)))"])
                sessions.flash(token: token, .init("Something went wrong on our side; nothing was changed that the page does not show.", isError: true))
                return WebPages.redirect(to: back(visit))
            }
        }
    }

    /// The session of the request's cookie, while its key is still a live admin key.
    func signedIn(_ request: Request) async throws -> (String, WebSession)? {
        guard let token = WebCookie.value(named: Self.cookie, in: request),
              let session = sessions.session(token: token) else { return nil }
        guard try await store.keys().contains(where: { $0.id == session.subject && $0.scope == .admin }) else {
            sessions.end(subject: session.subject)
            return nil
        }
        return (token, session)
    }

    /// A page in the layout, with the session's navigation, form token and pending message.
    func render(_ template: String, _ data: [String: Any], visit: AdminVisit, title: String, nav: String = "",
                status: HTTPResponse.Status = .ok) -> Response {
        var data = data
        data["csrf"] = visit.session.csrf
        var layout: [String: Any] = ["title": title, "signedIn": visit.session.name, "csrf": visit.session.csrf,
                                     "admin": true, "nav_\(nav)": true]
        if let flash = sessions.takeFlash(token: visit.token) {
            layout["flash"] = ["message": flash.message, "isError": flash.isError]
        }
        return pages.render(template, data, layout: layout, status: status)
    }

    /// The page a form without the right token gets.
    func forbidden() -> Response {
        pages.render("admin/problem", ["message": "This form has expired or did not come from these pages. Go back, reload the page and try again."],
                     layout: ["title": "Refused", "admin": true], status: .forbidden)
    }
}
