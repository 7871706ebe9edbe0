import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Outbound
import SendOwl
import Testing

@Suite struct SendOwlAPIAuthentication {
    typealias S = SendOwlScenario

    @Test func theKindNamesTheAPIKeyAndSecretAsOptionalSecrets() {
        #expect(SendOwlAdapter.kind.optionalSecrets.contains("api_key"))
        #expect(SendOwlAdapter.kind.optionalSecrets.contains("api_secret"))
        #expect(!SendOwlAdapter.kind.requiredSecrets.contains("api_key"))
    }

    @Test func anInstanceWithoutBothAPISecretsHasNoAPI() throws {
        let connection = ProviderConnection(transport: SendOwlAPITesting.client)
        #expect(try SendOwlTesting.adapter().api(connection) == nil)
        #expect(try SendOwlAPITesting.adapter(secret: "").api(connection) == nil)
        #expect(try SendOwlAPITesting.adapter(key: "").api(connection) == nil)
        #expect(try SendOwlAPITesting.adapter().api(connection) != nil)
    }

    @Test func everyCallSendsTheKeyAndSecretAsBasicAuthorisationAndAcceptsJSON() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.courseOrder)
        let api = try SendOwlAPITesting.api(mock)
        _ = try await api.orderFacts(orderID: S.courseOrder.id)
        _ = try await api.recentFacts(since: Date(unix: 0), progress: { _ in })
        let expected = "Basic " + Data("\(MockSendOwlAPI.defaultKey):\(MockSendOwlAPI.defaultSecret)".utf8).base64EncodedString()
        #expect(mock.requests.count == 2)
        for request in mock.requests {
            #expect(request.headers["Authorization"] == expected)
            #expect(request.headers["Accept"] == "application/json")
        }
    }

    @Test func aWrongSecretIsUnauthenticated() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        mock.sell(S.courseOrder)
        let api = try SendOwlAPITesting.api(mock, secret: "not-the-secret")
        let error = await APICall.failure { () throws(ProviderAPIError) in try await api.orderFacts(orderID: S.courseOrder.id) }
        #expect(error?.kind == .unauthenticated)
        #expect(error?.status == 401)
        #expect(mock.requests.count == 1, "a refused key is not tried again")
    }

    @Test func theMockAccountRefusesARequestThatDoesNotAcceptJSON() async throws {
        let mock = try MockSendOwlAPI()
        defer { mock.stop() }
        let authorization = "Basic " + Data("\(mock.apiKey):\(mock.apiSecret)".utf8).base64EncodedString()
        let response = try await SendOwlAPITesting.client.send(OutboundRequest(
            url: mock.baseURL + "/api/v1_3/orders", headers: [HTTPHeader(name: "Authorization", value: authorization)]))
        #expect(response.status == 415)
    }
}
