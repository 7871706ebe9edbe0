import Outbound
import Testing

/// Mail submitted through real libcurl to the TLS mock SMTP server (aiosmtpd): STARTTLS on
/// `smtp://` and implicit TLS on `smtps://`, with AUTH, and a certificate the client does not trust.
@Suite("Mail over SMTP with TLS against the aiosmtpd mock",
       .enabled(if: TLSSMTPServer.isAvailable,
                "needs the openssl command-line tool and .build-venv's Python with aiosmtpd (scripts/install-deps)"))
struct MailTLSTests {
    static let account = (user: "mailer", password: "s3cret")

    @Test("smtp:// upgraded with STARTTLS, with AUTH, delivers the message intact and over TLS")
    func startTLSWithAuthDelivers() async throws {
        try await expectDelivery(mode: .starttls)
    }

    @Test("smtps:// (TLS from the first byte), with AUTH, delivers the message intact and over TLS")
    func implicitTLSWithAuthDelivers() async throws {
        try await expectDelivery(mode: .smtps)
    }

    @Test("a server certificate the client does not trust is refused with a TLS error and nothing is delivered",
          arguments: TLSSMTPServer.Mode.allCases)
    func untrustedCertificateIsRefused(mode: TLSSMTPServer.Mode) async throws {
        let server = try TLSSMTPServer(mode: mode, account: Self.account)
        defer { server.stop() }
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.sendMail(MailTests.message, via: Self.mailServer(for: server, mode: mode))
        }
        #expect(error?.kind == .tls, "\(String(describing: error))")
        // libcurl's words for CURLE_PEER_FAILED_VERIFICATION, not a handshake or STARTTLS failure.
        #expect(error?.message.contains("certificate") == true, "\(String(describing: error))")
        #expect(try server.messages().isEmpty)
    }

    /// Sends ``MailTests/message`` to a server in `mode` with its certificate trusted, and
    /// checks that exactly that message arrived, over TLS, from the authenticated account.
    private func expectDelivery(mode: TLSSMTPServer.Mode) async throws {
        let server = try TLSSMTPServer(mode: mode, account: Self.account)
        defer { server.stop() }
        let client = CurlClient(configuration: .init(trustedCertificatesPath: server.certificatePath))
        try await client.sendMail(MailTests.message, via: Self.mailServer(for: server, mode: mode))
        let messages = try server.messages()
        let received = try #require(messages.first)
        #expect(messages.count == 1)
        #expect(received.mailFrom == MailTests.message.from)
        #expect(received.rcptTos == MailTests.message.recipients)
        #expect(Array(received.data.utf8) == MailTests.message.data)
        #expect(received.tls)
        #expect(received.user == Self.account.user)
    }

    /// `server` as the client sees it: its URL for `mode`, the account's credentials and TLS
    /// required (the default).
    private static func mailServer(for server: TLSSMTPServer, mode: TLSSMTPServer.Mode) -> MailServer {
        MailServer(url: "\(mode.scheme)://127.0.0.1:\(server.port)", username: account.user, password: account.password)
    }
}
