import AccessKernel

/// The creator's catalogue the specifications run against: one ThriveCart-like instance,
/// a second instance, and courses that are live, test-only, unpublished or missing.
enum Shop {
    static let instance: InstanceID = "tc"
    static let otherInstance: InstanceID = "so"

    static let courses = [
        Course(id: "guitar", title: "Guitar"),
        Course(id: "theory", title: "Theory"),
        Course(id: "bonus", title: "Bonus"),
        Course(id: "sandbox", title: "Sandbox", isTestCourse: true),
        Course(id: "draft", title: "Draft", published: false),
    ]

    /// A mapping over ``courses`` with the given routes and instance default policies.
    static func mapping(_ routes: [Route], policies: Policies = Policies()) -> Mapping {
        Mapping(courses: courses,
                instances: [ProviderInstance(id: instance, kind: "thrivecart", policies: policies),
                            ProviderInstance(id: otherInstance, kind: "sendowl", policies: policies)],
                routes: routes)
    }

    /// A route on ``instance`` (or `on`) for `kind` + `product` (+ pricing option).
    static func route(_ kind: ItemKind = .product, _ product: String?, option: String? = nil,
                      on instance: InstanceID = Shop.instance, to courses: [String],
                      accessDays: Int? = nil, policies: PolicyOverrides = PolicyOverrides()) -> Route {
        Route(key: RouteKey(instance: instance, kind: kind, productID: product, pricingOption: option),
              courses: courses, accessDays: accessDays, policies: policies)
    }
}

extension PolicyOverrides {
    /// Overrides built by mutating an empty set: `.with { $0.onRefund = .keep }`.
    static func with(_ change: (inout PolicyOverrides) -> Void) -> PolicyOverrides {
        var overrides = PolicyOverrides()
        change(&overrides)
        return overrides
    }
}
