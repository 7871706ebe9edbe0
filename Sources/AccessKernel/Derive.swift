import Foundation

/// Derives one customer's access to every course from their facts and the mapping.
///
/// Pure: the same facts (in any order, with duplicates) and the same mapping and time
/// always give the same answer. Courses without any access are left out (``AccessState/none``).
///
/// - Parameter pinned: facts whose items follow the routes of an earlier mapping (a mapping
///   applied to new purchases only leaves earlier purchases on the routes they were bought
///   under); every other fact follows `mapping`. Courses, policies and test courses always
///   come from `mapping`.
public func derive(_ facts: [Fact], mapping: Mapping, now: Date, pinned: [FactKey: Mapping] = [:]) -> [String: AccessState] {
    let ordered = FactOrder.canonical(facts)
    var lifecycle = SourceLifecycle(sources: sources(of: ordered, mapping: mapping, pinned: pinned))
    for fact in ordered { lifecycle.apply(fact) }
    let sources = lifecycle.finished()
    let overrides = CourseOverrides(ordered)

    var courses = Set(sources.flatMap(\.courses))
    courses.formUnion(overrides.courses)
    var result: [String: AccessState] = [:]
    for course in courses where mapping.isOpenable(course) {
        let openers = sources.filter { source in
            source.courses.contains(course)
                && (source.fact.mode == .live || mapping.courses[course]?.isTestCourse == true)
        }
        let state = overrides.state(of: course, from: openers, now: now)
        if state.status != .none { result[course] = state }
    }
    return result
}

/// Every purchase item and admin grant, with the courses its route opens.
private func sources(of ordered: [Fact], mapping: Mapping, pinned: [FactKey: Mapping]) -> [Source] {
    var sources: [Source] = []
    for (position, fact) in ordered.enumerated() {
        let routes = pinned[fact.key] ?? mapping
        switch fact.event {
        case .purchase(let purchase):
            for item in purchase.items {
                let route = routes.route(for: item.key, on: fact.instance)
                sources.append(Source(position: position, fact: fact, instance: fact.instance,
                                      orderIDs: Set(purchase.allOrderIDs), item: item,
                                      courses: route?.courses ?? [], accessDays: route?.accessDays,
                                      policies: mapping.policies(for: route, on: fact.instance)))
            }
        case .admin(let action):
            guard case .grant(let target, _) = action.action else { continue }
            switch target {
            case .course(let course):
                sources.append(Source(position: position, fact: fact, instance: .admin, orderIDs: [],
                                      courses: [course], policies: Policies()))
            case .item(let instance, let key):
                let route = routes.route(for: key, on: instance)
                sources.append(Source(position: position, fact: fact, instance: .admin, orderIDs: [],
                                      courses: route?.courses ?? [], accessDays: route?.accessDays,
                                      policies: mapping.policies(for: route, on: instance)))
            }
        case .refund, .subscription, .dispute, .detailsChanged:
            continue
        }
    }
    return sources
}
