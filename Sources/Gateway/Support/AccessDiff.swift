import AccessKernel
import AccessStore
import Foundation

/// What a support action changed in one customer's access: the access events a record call
/// made for them, each with the status the course had before.
struct AccessDiff {
    /// The customer's access before the action, per course (empty for a new customer).
    let before: [String: AccessState]

    init(before records: [AccessRecord] = []) {
        before = Dictionary(records.map { ($0.course, $0.state) }, uniquingKeysWith: { first, _ in first })
    }

    /// The changes of `customerID` among `outcome`'s events, by course.
    func changes(in outcome: RecordOutcome, customerID: Int64) -> [AccessChange] {
        outcome.events.filter { $0.customerID == customerID }.map { event in
            AccessChange(course: event.course, before: before[event.course]?.status.name ?? AccessStatus.none.name,
                         after: event.state.status.name, expiresAt: event.state.status.date)
        }.sorted { $0.course < $1.course }
    }

    /// Courses the customer may open now.
    var activeCourses: Set<String> { Set(before.filter { $0.value.isActive }.keys) }
}
