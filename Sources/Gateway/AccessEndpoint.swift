import AccessKernel
import AccessStore
import Foundation
import Hummingbird

/// `GET /v1/access?email=&course=`: the course site's question, "may this person open
/// this course now?", answered from the materialised access.
struct AccessEndpoint: Sendable {
    let store: any AccessStore
    let answers: AccessAnswerCache
    /// The live mapping's courses, read once per request.
    let mapping: @Sendable () -> Mapping
    let keys: APIKeyVerifier

    func add(to router: Router<BasicRequestContext>) {
        router.get("/v1/access") { request, _ in try await answer(request) }
    }

    private func answer(_ request: Request) async throws -> Response {
        try await keys.authenticate(request, scope: .read)
        let query = request.uri.queryParameters
        guard let email = query["email"].map(String.init), !email.isEmpty,
              let courseID = query["course"].map(String.init), !courseID.isEmpty else {
            throw GatewayError(.badRequest, code: "missing_parameter",
                               message: "ask as /v1/access?email=EMAIL&course=COURSE")
        }
        guard let course = mapping().courses[courseID] else {
            throw GatewayError(.notFound, code: "unknown_course", message: "no course \(courseID) in the mapping")
        }
        if let status = answers.status(email: email, course: courseID, now: Date()) {
            return AccessAnswer(status: status, course: course).response()
        }
        let ticket = answers.ticket
        let lookup = try await store.accessStatus(email: email, course: courseID)
        answers.store(lookup, email: email, course: courseID, ticket: ticket)
        return AccessAnswer(status: lookup.status, course: course).response()
    }
}
