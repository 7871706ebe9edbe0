import Outbound
import Testing

@Suite("TLS verification", .enabled(if: SelfSignedTLSServer.isAvailable, "needs the openssl command-line tool"))
struct TLSVerificationTests {
    @Test("a server whose certificate no trusted authority signed is refused with a TLS error")
    func untrustedCertificateIsRefused() async throws {
        let server = try SelfSignedTLSServer()
        defer { server.stop() }
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.send(OutboundRequest(url: "https://127.0.0.1:\(server.port)/"))
        }
        #expect(error?.kind == .tls, "\(String(describing: error))")
    }

    @Test("the same server is accepted once its certificate is configured as trusted")
    func configuredAuthorityIsTrusted() async throws {
        let server = try SelfSignedTLSServer()
        defer { server.stop() }
        let client = CurlClient(configuration: .init(trustedCertificatesPath: server.certificatePath))
        let response = try await client.send(OutboundRequest(url: "https://127.0.0.1:\(server.port)/"))
        #expect(response.status == 200)
    }
}
