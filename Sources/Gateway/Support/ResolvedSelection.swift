import AccessKernel
import Foundation

/// An ``AccessSelection`` checked against the mapping: each choice as the grant it would be
/// recorded as, with the courses it opens.
///
/// Courses must be known and published; products and bundles must have a route. The first
/// choice that is not names its field (`courses[2]`, `products[0]`).
struct ResolvedSelection {
    struct Choice {
        /// What an admin grant of this choice names, so the grant's source is the product itself.
        var target: GrantTarget
        /// The published courses it opens.
        var courses: Set<String>
    }

    var choices: [Choice]

    /// Every course the selection opens.
    var courses: Set<String> { choices.reduce(into: Set<String>()) { $0.formUnion($1.courses) } }

    init(_ selection: AccessSelection, mapping: Mapping) throws(SupportError) {
        choices = []
        for (index, course) in selection.courses.enumerated() {
            try Self.check(course, field: "courses[\(index)]", mapping: mapping)
            choices.append(Choice(target: .course(course), courses: [course]))
        }
        for (index, product) in selection.products.enumerated() {
            let field = "products[\(index)]"
            let key = ItemKey(product.kind, product.productID, pricingOption: product.pricingOption)
            guard mapping.instances[product.instance] != nil else {
                throw SupportError(.invalid, "no instance \(product.instance) in the mapping", field: field)
            }
            guard let route = mapping.route(for: key, on: product.instance) else {
                throw SupportError(.invalid, "no route for \(key) on \(product.instance) in the mapping", field: field)
            }
            let courses = Set(route.courses.filter(mapping.isOpenable))
            guard !courses.isEmpty else {
                throw SupportError(.invalid, "\(key) on \(product.instance) opens no published course", field: field)
            }
            choices.append(Choice(target: .item(instance: product.instance, key: key), courses: courses))
        }
    }

    /// Checks that `course` can be opened; throws invalid naming `field` otherwise.
    static func check(_ course: String, field: String, mapping: Mapping) throws(SupportError) {
        guard let known = mapping.courses[course] else {
            throw SupportError(.invalid, "no course \(course) in the mapping", field: field)
        }
        guard known.published else { throw SupportError(.invalid, "course \(course) is not published", field: field) }
    }
}
