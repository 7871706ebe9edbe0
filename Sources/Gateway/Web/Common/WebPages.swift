import Foundation
import Hummingbird
import Mustache

/// The pages' templates (`Resources/Templates/*.mustache`) and style sheet, found beside
/// the executable like the OpenAPI document, and the responses the pages answer with.
public struct WebPages: Sendable {
    let library: MustacheLibrary?
    let css: String

    init(library: MustacheLibrary?, css: String) {
        self.library = library
        self.css = css
    }

    /// The templates installed beside the running executable (an empty set when missing:
    /// every page then answers 503).
    public static func installed() async -> WebPages {
        let candidates = [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()]
            .compactMap { $0?.appendingPathComponent("Coursegate_Gateway.resources/Resources") }
        for folder in candidates {
            let templates = folder.appendingPathComponent("Templates")
            guard FileManager.default.fileExists(atPath: templates.path),
                  let library = try? await MustacheLibrary(directory: templates.path) else { continue }
            let css = (try? String(contentsOf: folder.appendingPathComponent("static/coursegate.css"), encoding: .utf8)) ?? ""
            return WebPages(library: library, css: css)
        }
        return WebPages(library: nil, css: "")
    }

    /// `template` rendered with `data` inside the shared layout (`common/layout`), which
    /// gets `layout` (title, navigation, flash) and the page as `body`.
    public func render(_ template: String, _ data: Any, layout: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        guard let library, let body = library.render(Self.withoutNils(data), withTemplate: template) else {
            return Self.text("the page templates were not installed beside the coursegate binary", status: .serviceUnavailable)
        }
        var context = layout
        context["body"] = body
        context["css"] = css
        guard let page = library.render(Self.withoutNils(context), withTemplate: "common/layout") else {
            return Self.text("the page layout was not installed beside the coursegate binary", status: .serviceUnavailable)
        }
        return Self.html(page, status: status)
    }

    /// `data` without the dictionary entries whose value is an empty optional, at any depth.
    ///
    /// A `nil` boxed in `Any` (`"message": message as Any`) is a present key to Mustache:
    /// `{{#message}}` would render its section and `{{message}}` print "nil". Dropped, a
    /// missing value is simply absent.
    static func withoutNils(_ data: Any) -> Any {
        switch data {
        case let dictionary as [String: Any]: presentValues(dictionary)
        case let rows as [[String: Any]]: rows.map(presentValues)
        default: data
        }
    }

    private static func presentValues(_ dictionary: [String: Any]) -> [String: Any] {
        dictionary.compactMapValues { isNil($0) ? nil : withoutNils($0) }
    }

    private static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }

    /// An HTML response that is never cached and never framed.
    public static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: securityHeaders(contentType: "text/html; charset=utf-8"),
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A plain-text response.
    public static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: securityHeaders(contentType: "text/plain; charset=utf-8"),
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 See Other to `location` (post-redirect-get), setting `cookies`.
    public static func redirect(to location: String, cookies: [WebCookie] = []) -> Response {
        var headers = securityHeaders(contentType: nil)
        headers[.location] = location
        for cookie in cookies { headers[values: .setCookie].append(cookie.headerValue) }
        return Response(status: .seeOther, headers: headers)
    }

    /// The headers every page carries: no caching of personal data, no framing, no sniffing,
    /// scripts and styles only from the page itself.
    public static func securityHeaders(contentType: String?) -> HTTPFields {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        headers[.cacheControl] = "no-store"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("Referrer-Policy")!] = "same-origin"
        headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
        return headers
    }
}
