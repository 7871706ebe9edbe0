import AccessKernel
import Yams

/// Reads the top level of a mapping file into a ``Mapping``, collecting every problem.
struct MappingReader {
    var reader: NodeReader
    private let kinds: [String: ProviderKind]
    private let environment: [String: String]
    private(set) var warnings: [MappingIssue] = []
    /// The sinks, mail and delivery sections, read by ``read(_:)``.
    private(set) var outbound = OutboundSettings()
    /// The hub section, read by ``read(_:)``.
    private(set) var hub = HubSettings()

    init(file: String, kinds: [ProviderKind], environment: [String: String]) {
        reader = NodeReader(file: file)
        self.kinds = Dictionary(kinds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.environment = environment
    }

    var issues: [MappingIssue] { reader.issues }

    mutating func read(_ root: Node) -> Mapping? {
        let sections = Dictionary(reader.pairs(root, "", allowed: ["courses", "instances", "routes", "defaults", "sinks", "mail", "delivery", "hub"])
            .map { ($0.0, $0.2) }, uniquingKeysWith: { first, _ in first })
        var defaults = PolicyOverrides()
        if let node = sections["defaults"] {
            for (_, _, policies) in reader.pairs(node, "defaults", allowed: ["policies"]) {
                defaults = reader.policies(policies, "defaults.policies")
            }
        }
        let courses = sections["courses"].map { readCourses($0) } ?? []
        if sections["courses"] == nil { reader.report(root, "courses", "no courses are defined") }
        if !courses.isEmpty && !courses.contains(where: { $0.published }) {
            reader.report(sections["courses"], "courses", "no course is published: at least one must be, or nothing can be sold")
        }
        let instances = sections["instances"].map { readInstances($0, defaults: defaults) } ?? []
        if instances.isEmpty { reader.report(sections["instances"] ?? root, "instances", "no provider instances are defined") }
        let known = Mapping(courses: courses, instances: instances)
        let routes = sections["routes"].map { readRoutes($0, mapping: known) } ?? []
        outbound = readOutbound(sinks: sections["sinks"], mail: sections["mail"], delivery: sections["delivery"])
        hub = readHub(sections["hub"])
        return Mapping(courses: courses, instances: instances, routes: routes)
    }

    private mutating func readCourses(_ node: Node) -> [Course] {
        reader.pairs(node, "courses").map { id, _, value in
            let path = "courses.\(id)"
            var course = Course(id: id, title: id)
            for (name, _, field) in reader.pairs(value, path, allowed: ["title", "published", "test_course",
                                                                         "login_url", "revoked_message", "welcome"]) {
                let key = "\(path).\(name)"
                switch name {
                case "title": course.title = reader.string(field, key) ?? id
                case "published": course.published = reader.bool(field, key) ?? false
                case "test_course": course.isTestCourse = reader.bool(field, key) ?? false
                case "login_url": course.loginURL = reader.string(field, key)
                case "revoked_message": course.revokedMessage = reader.string(field, key)
                case "welcome": course.welcome = readTemplate(field, key)
                default: break
                }
            }
            return course
        }
    }

    private mutating func readInstances(_ node: Node, defaults: PolicyOverrides) -> [ProviderInstance] {
        return reader.pairs(node, "instances").compactMap { id, keyNode, value in
            let path = "instances.\(id)"
            let fields = reader.pairs(value, path, allowed: ["kind", "secrets", "accept_test_events", "policies", "api_url"])
            guard let kindNode = fields.first(where: { $0.0 == "kind" })?.2 else {
                reader.report(keyNode, path, "no kind; expected one of: \(kinds.keys.sorted().joined(separator: ", "))")
                return nil
            }
            guard let kindName = reader.string(kindNode, "\(path).kind") else { return nil }
            guard let kind = kinds[kindName] else {
                reader.report(kindNode, "\(path).kind",
                              "unknown provider kind \(kindName); expected one of: \(kinds.keys.sorted().joined(separator: ", "))")
                return nil
            }
            var instance = ProviderInstance(id: id, kind: kindName, policies: defaults.applied(to: kind.defaultPolicies))
            var secretsNode: Node?
            for (name, _, field) in fields {
                let key = "\(path).\(name)"
                switch name {
                case "accept_test_events": instance.acceptsTestEvents = reader.bool(field, key) ?? true
                case "api_url": instance.apiURL = reader.url(field, key)
                case "policies": instance.policies = reader.policies(field, key).applied(to: instance.policies)
                case "secrets":
                    secretsNode = field
                    instance.secrets = readSecrets(field, key, kind: kind)
                default: break
                }
            }
            for secret in kind.requiredSecrets where instance.secrets[secret] == nil {
                reader.report(secretsNode ?? keyNode, "\(path).secrets.\(secret)",
                              "missing secret \(secret), which a \(kind.displayName) instance needs (write \(secret): env:VARIABLE)")
            }
            return instance
        }
    }

    /// Reads a `secret: env:NAME` value, warning when the variable is not set here.
    mutating func secretReference(_ node: Node, _ key: String) -> String? {
        guard let reference = reader.string(node, key) else { return nil }
        if let variable = SecretReference.variable(in: reference), environment[variable] == nil {
            warnings.append(MappingIssue(file: reader.file, line: node.mark?.line, column: node.mark?.column, key: key,
                                         message: "environment variable \(variable) is not set here; serve needs it"))
        }
        return reference
    }

    mutating func readTemplate(_ node: Node, _ path: String) -> MessageTemplate? {
        var subject: String?
        var body: String?
        for (name, _, field) in reader.pairs(node, path, allowed: ["subject", "body"]) {
            switch name {
            case "subject": subject = reader.string(field, "\(path).subject")
            case "body": body = reader.string(field, "\(path).body")
            default: break
            }
        }
        guard let subject, let body else {
            reader.report(node, path, "a mail template needs both subject and body")
            return nil
        }
        return MessageTemplate(subject: subject, body: body)
    }

    private mutating func readSecrets(_ node: Node, _ path: String, kind: ProviderKind) -> [String: String] {
        var secrets: [String: String] = [:]
        for (name, _, value) in reader.pairs(node, path, allowed: Set(kind.requiredSecrets + kind.optionalSecrets)) {
            secrets[name] = secretReference(value, "\(path).\(name)")
        }
        return secrets
    }

    private mutating func readRoutes(_ node: Node, mapping: Mapping) -> [Route] {
        guard case .sequence(let sequence) = node else {
            reader.report(node, "routes", "expected a list of routes")
            return []
        }
        var seen: [RouteKey: Int] = [:]
        var routes: [Route] = []
        for (index, item) in sequence.enumerated() {
            let path = "routes[\(index)]"
            guard let route = readRoute(item, path, mapping: mapping) else { continue }
            if let first = seen[route.key] {
                reader.report(item, path, "the key \(route.key) is already routed by routes[\(first)]")
                continue
            }
            seen[route.key] = index
            routes.append(route)
        }
        return routes
    }

    private static let keyFields: [String: ItemKind] = [
        "product": .product, "bump": .bump, "upsell": .upsell, "downsell": .downsell, "bundle": .bundle, "price": .product,
    ]

    private mutating func readRoute(_ node: Node, _ path: String, mapping: Mapping) -> Route? {
        let allowed = Set(Self.keyFields.keys).union(["instance", "pricing_option", "courses", "access_days", "policies"])
        let fields = reader.pairs(node, path, allowed: allowed)
        var instance: InstanceID?
        var keys: [(String, String, Node)] = []
        var pricingOption: String?
        var courses: [(String, Node)] = []
        var accessDays: Int?
        var policies = PolicyOverrides()
        for (name, _, value) in fields {
            let key = "\(path).\(name)"
            switch name {
            case "instance":
                guard let id = reader.string(value, key) else { continue }
                if mapping.instances[id] == nil {
                    reader.report(value, key, "instance \(id) is not configured under instances")
                } else {
                    instance = id
                }
            case "pricing_option": pricingOption = reader.string(value, key)
            case "courses": courses = reader.strings(value, key)
            case "access_days": accessDays = reader.positiveInt(value, key)
            case "policies": policies = reader.policies(value, key)
            default:
                if let id = reader.string(value, key) { keys.append((name, id, value)) }
            }
        }
        if fields.first(where: { $0.0 == "instance" }) == nil { reader.report(node, "\(path).instance", "no instance") }
        if keys.count != 1 {
            reader.report(node, path, "a route needs exactly one of product, bump, upsell, downsell, bundle or price")
        }
        if courses.isEmpty { reader.report(node, "\(path).courses", "no courses") }
        for (index, (course, courseNode)) in courses.enumerated() {
            let key = "\(path).courses[\(index)]"
            if let known = mapping.courses[course] {
                if !known.published { reader.report(courseNode, key, "course \(course) is not published") }
            } else {
                reader.report(courseNode, key, "unknown course \(course)")
            }
        }
        guard let instance, keys.count == 1, let (field, id, _) = keys.first, let kind = Self.keyFields[field] else { return nil }
        let key = field == "price"
            ? RouteKey(instance: instance, kind: kind, productID: nil, pricingOption: id)
            : RouteKey(instance: instance, kind: kind, productID: id, pricingOption: pricingOption)
        return Route(key: key, courses: courses.map(\.0), accessDays: accessDays, policies: policies)
    }
}
