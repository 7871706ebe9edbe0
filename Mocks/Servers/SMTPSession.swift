import Foundation

/// The state of one mock SMTP conversation: which commands came, and what to answer.
struct SMTPSession {
    let account: (user: String, password: String)?
    let rejectedRecipients: Set<String>
    private(set) var readingData = false
    private var awaitingCredentials = false
    private var authenticatedUser: String?
    private var from: String?
    private var recipients: [String] = []
    private var data: [UInt8] = []

    init(account: (user: String, password: String)?, rejectedRecipients: Set<String>) {
        self.account = account
        self.rejectedRecipients = rejectedRecipients
    }

    /// The reply to one command line, and whether the connection closes after it.
    mutating func reply(to line: String) -> (String, Bool) {
        let upper = line.uppercased()
        if awaitingCredentials {
            awaitingCredentials = false
            return (authenticate(line), false)
        }
        switch true {
        case upper == "AUTH PLAIN":
            // No initial response: ask for the credentials on the next line.
            awaitingCredentials = true
            return ("334 \r\n", false)
        case upper.hasPrefix("EHLO"):
            return ("250-mock-smtp\r\n250-AUTH PLAIN\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n", false)
        case upper.hasPrefix("HELO"):
            return ("250 mock-smtp\r\n", false)
        case upper.hasPrefix("AUTH PLAIN "):
            return (authenticate(String(line.dropFirst("AUTH PLAIN ".count))), false)
        case upper.hasPrefix("MAIL FROM:"):
            if account != nil, authenticatedUser == nil { return ("530 authentication required\r\n", false) }
            from = Self.address(in: line.dropFirst("MAIL FROM:".count))
            recipients = []
            return ("250 OK\r\n", false)
        case upper.hasPrefix("RCPT TO:"):
            guard from != nil else { return ("503 MAIL first\r\n", false) }
            let recipient = Self.address(in: line.dropFirst("RCPT TO:".count))
            if rejectedRecipients.contains(recipient) { return ("550 no such user\r\n", false) }
            recipients.append(recipient)
            return ("250 OK\r\n", false)
        case upper == "DATA":
            guard from != nil, !recipients.isEmpty else { return ("503 RCPT first\r\n", false) }
            readingData = true
            data = []
            return ("354 end with .\r\n", false)
        case upper == "RSET":
            from = nil
            recipients = []
            return ("250 OK\r\n", false)
        case upper == "NOOP":
            return ("250 OK\r\n", false)
        case upper == "QUIT":
            return ("221 bye\r\n", true)
        default:
            return ("502 not implemented\r\n", false)
        }
    }

    /// Adds one (already unstuffed) line of the message.
    mutating func appendData(_ line: String) {
        data.append(contentsOf: line.utf8)
        data.append(contentsOf: [0x0D, 0x0A])
    }

    /// Ends `DATA` and returns the message it carried.
    mutating func finishData() -> MockSMTPServer.ReceivedMessage? {
        readingData = false
        defer { from = nil; recipients = [] }
        guard let from else { return nil }
        return MockSMTPServer.ReceivedMessage(from: from, recipients: recipients, data: data,
                                              authenticatedUser: authenticatedUser)
    }

    private mutating func authenticate(_ encoded: String) -> String {
        guard let account, let decoded = Data(base64Encoded: encoded) else { return "535 bad credentials\r\n" }
        // authzid NUL authcid NUL password
        let parts = decoded.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 3, parts[1] == account.user, parts[2] == account.password else {
            return "535 bad credentials\r\n"
        }
        authenticatedUser = account.user
        return "235 authenticated\r\n"
    }

    private static func address<S: StringProtocol>(in text: S) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "<"), let close = trimmed.firstIndex(of: ">"), open < close else {
            return String(trimmed.prefix { $0 != " " })
        }
        return String(trimmed[trimmed.index(after: open)..<close])
    }
}
