import Mocks
import Outbound
import Testing

@Suite("Mail over SMTP against the mock SMTP server")
struct MailTests {
    static let message = MailMessage(
        from: "school@example.com", recipients: ["ada@example.com"],
        data: Array("""
            From: School <school@example.com>\r
            To: ada@example.com\r
            Subject: Welcome to Web Basics\r
            \r
            Hello Ada,\r
            .a line that starts with a dot\r
            Log in at https://school.example.com/login\r

            """.utf8))

    @Test("a message is submitted with AUTH, envelope and body intact (dot-stuffing undone)")
    func messageArrives() async throws {
        let server = try MockSMTPServer(account: (user: "mailer", password: "s3cret"))
        defer { server.stop() }
        let client = CurlClient()
        try await client.sendMail(Self.message, via: MailServer(url: "smtp://127.0.0.1:\(server.port)", username: "mailer",
                                                                 password: "s3cret", requireTLS: false))
        let received = try #require(server.messages.first)
        #expect(server.messages.count == 1)
        #expect(received.from == "school@example.com")
        #expect(received.recipients == ["ada@example.com"])
        #expect(received.authenticatedUser == "mailer")
        #expect(received.data == Self.message.data)
    }

    @Test("wrong credentials are a rejection and nothing is sent")
    func wrongPasswordIsRejected() async throws {
        let server = try MockSMTPServer(account: (user: "mailer", password: "s3cret"))
        defer { server.stop() }
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.sendMail(Self.message, via: MailServer(url: "smtp://127.0.0.1:\(server.port)", username: "mailer",
                                                                     password: "wrong", requireTLS: false))
        }
        #expect(error?.kind == .rejected, "\(String(describing: error))")
        #expect(server.messages.isEmpty)
    }

    @Test("a recipient the server refuses with 550 is a rejection")
    func refusedRecipientIsRejected() async throws {
        let server = try MockSMTPServer(rejectedRecipients: ["ada@example.com"])
        defer { server.stop() }
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.sendMail(Self.message, via: MailServer(url: "smtp://127.0.0.1:\(server.port)", requireTLS: false))
        }
        #expect(error?.kind == .rejected, "\(String(describing: error))")
        #expect(server.messages.isEmpty)
    }

    @Test("with TLS required (the default), a server that offers no STARTTLS gets nothing in clear")
    func missingStartTLSIsRefused() async throws {
        let server = try MockSMTPServer(account: (user: "mailer", password: "s3cret"))
        defer { server.stop() }
        let client = CurlClient()
        let error = await #expect(throws: OutboundError.self) {
            try await client.sendMail(Self.message, via: MailServer(url: "smtp://127.0.0.1:\(server.port)", username: "mailer",
                                                                     password: "s3cret"))
        }
        #expect(error?.kind == .tls, "\(String(describing: error))")
        #expect(server.messages.isEmpty)
    }

    @Test("a recipient address with angle brackets or spaces is refused before connecting")
    func malformedAddressIsInvalid() async throws {
        let client = CurlClient()
        var message = Self.message
        message.recipients = ["ada@example.com> NOTIFY=NEVER"]
        let error = await #expect(throws: OutboundError.self) {
            try await client.sendMail(message, via: MailServer(url: "smtp://127.0.0.1:1", requireTLS: false))
        }
        #expect(error?.kind == .invalidRequest)
    }
}
