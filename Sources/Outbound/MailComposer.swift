import AccessKernel
import Foundation

extension MessageTemplate {
    /// The subject and body with every `{{name}}` replaced by `values[name]`; a placeholder
    /// without a value becomes empty, so a customer never sees template syntax.
    public func render(_ values: [String: String]) -> (subject: String, body: String) {
        (Self.fill(subject, values), Self.fill(body, values))
    }

    private static func fill(_ text: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            result += values[name] ?? ""
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}

extension MailMessage {
    /// A plain-text UTF-8 mail: headers (`From`, `To`, `Subject` encoded when not ASCII,
    /// `Date`, `Message-ID` so a resend of the same message can be recognised) and the body
    /// with CRLF line ends.
    ///
    /// - Parameter from: `Name <address>` or a bare address; the envelope sender is the address.
    public static func compose(from: String, to: String, subject: String, body: String, messageID: String,
                               date: Date = Date()) -> MailMessage {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let head = [
            "From: \(headerSafe(from))",
            "To: \(headerSafe(to))",
            "Subject: \(encodedWord(headerSafe(subject)))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)@coursegate>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let text = (head + [""] + lines.map(String.init)).joined(separator: "\r\n") + "\r\n"
        return MailMessage(from: address(in: from), recipients: [to], data: Array(text.utf8))
    }

    /// The address inside `Name <address>`, or the text itself.
    public static func address(in mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close else {
            return mailbox.trimmingCharacters(in: .whitespaces)
        }
        return String(mailbox[mailbox.index(after: open)..<close])
    }

    /// No line breaks in a header (a name or subject from a payload must not add headers).
    private static func headerSafe(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// RFC 2047 `=?utf-8?B?…?=` when the text is not plain ASCII.
    private static func encodedWord(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }
}
