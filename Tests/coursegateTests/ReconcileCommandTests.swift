import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing

/// `coursegate reconcile` with the real binary against the mock ThriveCart and SendOwl
/// accounts: orders whose webhooks were never sent are recovered, a delivered one is not
/// recorded twice, a dry run records nothing, and a second run changes nothing.
@Suite("coursegate reconcile", .serialized)
struct ReconcileCommandTests {
    static let environment = [
        "TC_MAIN_SECRET": ThriveCartScenario.secretWord, "TC_MAIN_API_KEY": "tc-api-key-0c1d2e",
        "TC_SECOND_SECRET": "second-secret",
        "SENDOWL_SIGNING_KEY": SendOwlScenario.signingKey,
        "SENDOWL_API_KEY": MockSendOwlAPI.defaultKey, "SENDOWL_API_SECRET": MockSendOwlAPI.defaultSecret,
        "CHECKOUT_WEBHOOK_SECRET": "whsec_Jf3kQ9vXz2LmN8pR4tYw6bH1sD5gC7aE",
    ]

    /// The example mapping with both instances' APIs pointed at the mocks.
    static func mapping(thriveCart: String, sendOwl: String) throws -> String {
        var text = try String(contentsOf: CLI.repository.appendingPathComponent("Examples/coursegate.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  tc-main:                          # webhook URL: https://YOUR-HOST/webhooks/tc-main\n    kind: thrivecart\n",
                                         with: "  tc-main:\n    kind: thrivecart\n    api_url: \(thriveCart)\n")
        text = text.replacingOccurrences(of: "  shop:\n    kind: sendowl\n", with: "  shop:\n    kind: sendowl\n    api_url: \(sendOwl)\n")
        #expect(text.contains(thriveCart) && text.contains(sendOwl), "the example's instance blocks changed")
        let path = temporaryPath("mapping.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("coursegate-reconcile-\(UUID().uuidString)-\(name)").path
    }

    /// A course-and-bump ThriveCart order by `buyerN@example.com`, `hoursAgo` hours ago (out of its funnel).
    static func thriveCartOrder(_ index: Int, hoursAgo: Double) -> ThriveCartOrder {
        var order = ThriveCartScenario.bundleOrder
        order.orderID = String(4_100_000 + index)
        order.invoiceID = String(format: "%09d", 700 + index)
        order.orderedAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - hoursAgo * 3600).rounded(.down))
        order.customer.email = "buyer\(index)@example.com"
        order.items = [ThriveCartScenario.course, ThriveCartScenario.workbookBump]
        return order
    }

    /// A SendOwl course order by `owl-buyerN@example.com`, `hoursAgo` hours ago.
    static func sendOwlOrder(_ index: Int, hoursAgo: Double) -> SendOwlOrder {
        var order = SendOwlScenario.courseOrder
        order.number = 600_000 + Int64(index)
        order.id = String(format: "%010d", 600_000 + index)
        order.buyerEmail = "owl-buyer\(index)@example.com"
        order.completedCheckoutAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - hoursAgo * 3600).rounded(.down))
        return order
    }

    static func post(_ request: InboundRequest, to port: Int, instance: String) async throws {
        let answer = try await ServerProcess.post(port: port, "/webhooks/\(instance)", headers: request.headers,
                                                  body: Data(request.body))
        #expect(answer.status == 200, "\(answer.body)")
        #expect(answer.body.contains("recorded"), "\(answer.body)")
    }

    @Test("missed orders are recovered from both providers; the delivered one, a dry run and a second run change nothing")
    func recoversMissedOrders() async throws {
        let thriveCart = try MockThriveCartAPI()
        let sendOwl = try MockSendOwlAPI()
        defer { thriveCart.stop(); sendOwl.stop() }
        let tcOrders = (1...3).map { Self.thriveCartOrder($0, hoursAgo: 30 - Double($0)) }
        let owlOrders = (1...3).map { Self.sendOwlOrder($0, hoursAgo: 30 - Double($0)) }
        tcOrders.forEach(thriveCart.sell)
        owlOrders.forEach { sendOwl.sell($0) }
        let config = try Self.mapping(thriveCart: thriveCart.baseURL, sendOwl: sendOwl.baseURL)
        let db = Self.temporaryPath("db.sqlite")

        // Only the first order of each provider was delivered by webhook.
        let server = try ServerProcess(["serve", "--config", config, "--db", db, "--port", "0"], environment: Self.environment)
        let port = try await server.port()
        try await Self.post(ThriveCartRequest.make(ThriveCartPayload.orderSuccess(tcOrders[0])), to: port, instance: "tc-main")
        try await Self.post(SendOwlRequest.make(SendOwlPayload.body(owlOrders[0])), to: port, instance: "shop")
        #expect(try await server.terminate() == 0)

        for (instance, missed) in [("tc-main", ["buyer2@example.com", "buyer3@example.com"]),
                                   ("shop", ["owl-buyer2@example.com", "owl-buyer3@example.com"])] {
            let dryRun = try CLI.run(["reconcile", "--instance", instance, "--since", "2d", "--dry-run",
                                      "--config", config, "--db", db], environment: Self.environment)
            #expect(dryRun.status == 0, "\(dryRun.errors)")
            #expect(dryRun.output.contains("2 not recorded before"), "\(dryRun.output)")
            #expect(dryRun.output.contains("nothing was recorded"), "\(dryRun.output)")
            for email in missed {
                #expect(dryRun.output.contains(email))
                #expect(try CLI.run(["access", "show", email, "--db", db]).status == 3, "a dry run records nothing")
            }

            let run = try CLI.run(["reconcile", "--instance", instance, "--since", "2d", "--config", config, "--db", db],
                                  environment: Self.environment)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("2 not recorded before"), "\(run.output)")
            #expect(run.output.contains("access granted"), "\(run.output)")
            #expect(run.errors.contains("read"), "progress is shown: \(run.errors)")
            for email in missed {
                let shown = try CLI.run(["access", "show", email, "--db", db])
                #expect(shown.status == 0 && shown.output.contains("active"), "\(shown.output) \(shown.errors)")
            }

            let again = try CLI.run(["reconcile", "--instance", instance, "--since", "2d", "--config", config, "--db", db],
                                    environment: Self.environment)
            #expect(again.status == 0, "\(again.errors)")
            #expect(again.output.contains("0 not recorded before"), "\(again.output)")
            #expect(again.output.contains("nothing to do"), "\(again.output)")
        }
    }

    @Test("an instance without API credentials, or an unknown one, is refused with a clear message")
    func refusals() throws {
        let config = try Self.mapping(thriveCart: "http://127.0.0.1:9", sendOwl: "http://127.0.0.1:9")
        let db = Self.temporaryPath("db.sqlite")
        let noKey = try CLI.run(["reconcile", "--instance", "tc-second", "--config", config, "--db", db], environment: Self.environment)
        #expect(noKey.status == 2)
        #expect(noKey.errors.contains("tc-second") && noKey.errors.contains("no API access"), "\(noKey.errors)")
        let unknown = try CLI.run(["reconcile", "--instance", "nope", "--config", config, "--db", db], environment: Self.environment)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("no instance nope"), "\(unknown.errors)")
        let badSince = try CLI.run(["reconcile", "--instance", "tc-main", "--since", "soon", "--config", config, "--db", db],
                                   environment: Self.environment)
        #expect(badSince.status != 0)
        #expect(badSince.errors.contains("--since"), "\(badSince.errors)")
    }
}
