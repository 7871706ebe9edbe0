/// One email to hand to a mail server: the SMTP envelope and the RFC 5322 message itself.
public struct MailMessage: Sendable, Hashable {
    /// The envelope sender (`MAIL FROM`), a bare address such as `school@example.com`.
    public var from: String
    /// The envelope recipients (`RCPT TO`), bare addresses; at least one.
    public var recipients: [String]
    /// The complete message, headers and body, with CRLF line endings; libcurl dot-stuffs it.
    public var data: [UInt8]

    /// A message from `from` to `recipients` carrying `data`.
    public init(from: String, recipients: [String], data: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.data = data
    }
}
