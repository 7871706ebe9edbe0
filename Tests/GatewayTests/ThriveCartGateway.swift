import AccessStore
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Mocks

/// The gateway serving the recorded ThriveCart account of ``ThriveCartScenario`` with the
/// standard registry: the courses its products, bump and upsell open.
enum ThriveCartGateway {
    static let mappingText = """
        courses:
          watercolour:
            title: Watercolour Foundations
            published: true
          lettering-workbook:
            title: Brush Lettering Workbook
            published: true
          masterclass:
            title: "Masterclass: Skies & Seas"
            published: true
          studio:
            title: Studio Membership
            published: true
          sandbox:
            title: Checkout sandbox
            published: true
            test_course: true
        instances:
          \(ThriveCartScenario.instanceID):
            kind: thrivecart
            secrets:
              secret: env:TC_SECRET
            accept_test_events: true
            policies:
              on_refund: revoke
              on_cancel: period_end
        routes:
          - instance: \(ThriveCartScenario.instanceID)
            product: "\(ThriveCartScenario.course.id)"
            courses: [watercolour]
          - instance: \(ThriveCartScenario.instanceID)
            bump: "\(ThriveCartScenario.workbookBump.id)"
            courses: [lettering-workbook]
          - instance: \(ThriveCartScenario.instanceID)
            upsell: "\(ThriveCartScenario.masterclassUpsell.id)"
            courses: [masterclass]
          - instance: \(ThriveCartScenario.instanceID)
            product: "\(ThriveCartScenario.membership.id)"
            courses: [studio]
        """

    static func make() async throws -> GatewayHarness {
        try await GatewayHarness.make(mappingText: mappingText, registry: .standard,
                                      environment: ["TC_SECRET": ThriveCartScenario.secretWord])
    }

    /// Posts one ThriveCart delivery as ThriveCart does.
    static func deliver(_ payload: PayloadValue, encoding: BodyEncoding = .form,
                        with client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(uri: "/webhooks/\(ThriveCartScenario.instanceID)", method: .post,
                                 headers: [.contentType: encoding.contentType, .userAgent: "ThriveCart Webhooks"],
                                 body: ByteBuffer(bytes: encoding.encode(payload)))
    }

    /// Asks the access endpoint about one customer and course.
    static func access(email: String, course: String, authorization: HTTPFields,
                       with client: some TestClientProtocol) async throws -> [String: Any] {
        let query = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email
        return try await client.execute(uri: "/v1/access?email=\(query)&course=\(course)", method: .get,
                                        headers: authorization).body.json
    }
}
