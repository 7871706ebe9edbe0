extension CurlClient {
    /// Submits `message` to `server` over SMTP: STARTTLS (or implicit TLS for `smtps://`),
    /// `AUTH` when credentials are set, `MAIL FROM`, one `RCPT TO` per recipient, and `DATA`.
    ///
    /// Uses the client's timeouts, TLS policy and workers; the kept connection of a worker may
    /// be reused for the next mail to the same server.
    /// - Throws: ``OutboundError``: ``OutboundError/Kind/rejected`` for refused credentials,
    ///   sender or recipient; ``OutboundError/Kind/tls`` when STARTTLS is required but not
    ///   offered; otherwise as for HTTP. `CancellationError` when the task was cancelled.
    public func sendMail(_ message: MailMessage, via server: MailServer) async throws {
        let result = try await perform { handle, cancellation, configuration in
            SMTPTransfer.run(message, to: server, on: handle, configuration: configuration, cancellation: cancellation)
        }
        if case .failure(let error) = result {
            logger.debug("mail submission failed", metadata: ["server": "\(Self.host(of: server.url))", "error": "\(error)"])
            throw error
        }
    }
}
