/// The creator's mapping: which courses exist, which provider instances feed Coursegate,
/// and which purchased items open which courses under which policies.
///
/// It is an input of ``derive(_:mapping:now:)`` like the facts, so a mapping edit can be
/// diffed and applied to existing customers.
public struct Mapping: Sendable, Hashable {
    public var courses: [String: Course]
    public var instances: [InstanceID: ProviderInstance]
    public var routes: [RouteKey: Route]

    public init(courses: [Course] = [], instances: [ProviderInstance] = [], routes: [Route] = []) {
        self.courses = Dictionary(courses.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.instances = Dictionary(instances.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.routes = Dictionary(routes.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The route an item bought on an instance follows: the one for its exact pricing
    /// option, else the one for that pricing option on any product (a Stripe price), else
    /// the one for the product as a whole.
    public func route(for item: ItemKey, on instance: InstanceID) -> Route? {
        if let option = item.pricingOption {
            if let route = routes[RouteKey(instance: instance, kind: item.kind, productID: item.productID,
                                           pricingOption: option)] { return route }
            if let route = routes[RouteKey(instance: instance, kind: item.kind, productID: nil,
                                           pricingOption: option)] { return route }
        }
        return routes[RouteKey(instance: instance, kind: item.kind, productID: item.productID)]
    }

    /// The policies for a source: the route's, else its instance's defaults.
    public func policies(for route: Route?, on instance: InstanceID) -> Policies {
        let base = instances[instance]?.policies ?? Policies()
        return route?.policies.applied(to: base) ?? base
    }

    /// Whether a course can be opened: known and published.
    public func isOpenable(_ course: String) -> Bool { courses[course]?.published == true }
}

/// A course on the creator's site.
public struct Course: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var published: Bool
    /// A test course may be opened by test-mode orders; a live course never is.
    public var isTestCourse: Bool
    /// Where a customer signs in; used in welcome mails.
    public var loginURL: String?
    /// What the course site shows a customer whose access was revoked by an admin
    /// without a message of its own.
    public var revokedMessage: String?
    /// The welcome mail a new customer granted this course is sent; the mail section's
    /// default when `nil`.
    public var welcome: MessageTemplate?

    public init(id: String, title: String, published: Bool = true, isTestCourse: Bool = false,
                loginURL: String? = nil, revokedMessage: String? = nil, welcome: MessageTemplate? = nil) {
        self.id = id
        self.title = title
        self.published = published
        self.isTestCourse = isTestCourse
        self.loginURL = loginURL
        self.revokedMessage = revokedMessage
        self.welcome = welcome
    }
}

/// A mail's subject and body with `{{placeholders}}` (`{{name}}`, `{{course_title}}`,
/// `{{login_url}}`, …) filled in when it is sent.
public struct MessageTemplate: Sendable, Hashable, Codable {
    public var subject: String
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }
}

/// One account at a provider (two ThriveCart accounts are two instances).
public struct ProviderInstance: Sendable, Hashable, Codable {
    public var id: InstanceID
    /// The adapter kind: `thrivecart`, `sendowl`, `native_checkout`, or a third party's.
    public var kind: String
    /// Secret names to references (`env:NAME` or a literal), resolved at start-up.
    public var secrets: [String: String]
    /// Whether test-mode events are recorded (flagged, never opening a live course) or
    /// ignored.
    public var acceptsTestEvents: Bool
    /// Defaults for this instance's routes.
    public var policies: Policies
    /// The provider API's base URL instead of the provider's own (a proxy, or a mock in tests).
    public var apiURL: String?

    public init(id: InstanceID, kind: String, secrets: [String: String] = [:],
                acceptsTestEvents: Bool = true, policies: Policies = Policies()) {
        self.id = id
        self.kind = kind
        self.secrets = secrets
        self.acceptsTestEvents = acceptsTestEvents
        self.policies = policies
    }
}

/// The key of a route: instance + item kind + product (or bundle) id + optional pricing
/// option. A `nil` product with a pricing option matches that option on any product.
public struct RouteKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var instance: InstanceID
    public var kind: ItemKind
    public var productID: String?
    public var pricingOption: String?

    public init(instance: InstanceID, kind: ItemKind, productID: String?, pricingOption: String? = nil) {
        self.instance = instance
        self.kind = kind
        self.productID = productID
        self.pricingOption = pricingOption
    }

    public var description: String {
        var text = "\(instance) \(kind.rawValue) \(productID ?? "*")"
        if let pricingOption { text += " pricing option \(pricingOption)" }
        return text
    }
}

/// Which courses an item opens, for how long, under which policies.
public struct Route: Sendable, Hashable, Codable {
    public var key: RouteKey
    public var courses: [String]
    /// Access ends this many days after the purchase; `nil` is lifetime access.
    public var accessDays: Int?
    public var policies: PolicyOverrides

    public init(key: RouteKey, courses: [String], accessDays: Int? = nil,
                policies: PolicyOverrides = PolicyOverrides()) {
        self.key = key
        self.courses = courses
        self.accessDays = accessDays
        self.policies = policies
    }
}
