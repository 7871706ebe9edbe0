import AccessKernel
import Foundation

/// Every route (product, bump, upsell, bundle) and every course of the mapping as checkboxes,
/// and reading the ticked ones back into an ``AccessSelection``.
struct AdminChoices {
    let data: [String: Any]

    /// The boxes, with the courses in `active` ticked.
    init(_ mapping: Mapping, active: Set<String>) {
        let routes = mapping.routes.values
            .filter { $0.key.productID != nil }
            .sorted { $0.key.description < $1.key.description }
            .map { route -> [String: Any] in
                ["value": Self.value(route.key), "label": route.key.description,
                 "courses": route.courses.map { mapping.courses[$0]?.title ?? $0 }.joined(separator: ", ")]
            }
        let courses = mapping.courses.values.filter(\.published).sorted { $0.id < $1.id }.map { course -> [String: Any] in
            ["id": course.id, "title": course.title, "checked": active.contains(course.id)]
        }
        data = ["routes": routes, "courses": courses]
    }

    /// `instance|kind|product|pricing option`, what a route's checkbox sends.
    static func value(_ key: RouteKey) -> String {
        [key.instance, key.kind.rawValue, key.productID ?? "", key.pricingOption ?? ""].joined(separator: "|")
    }

    /// The ticked courses (`course`) and routes (`route`) of a form.
    static func selection(from form: FormFields) throws -> AccessSelection {
        let products = try form.all("route").map { value -> ProductChoice in
            let parts = value.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let kind = ItemKind(rawValue: parts[1]), !parts[2].isEmpty else {
                throw SupportError(.invalid, "\(value) is not a product of the mapping", field: "route")
            }
            return ProductChoice(instance: parts[0], kind: kind, productID: parts[2],
                                 pricingOption: parts[3].isEmpty ? nil : parts[3])
        }
        return AccessSelection(courses: form.all("course"), products: products)
    }
}
