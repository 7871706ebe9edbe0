import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small SMTP server on a loopback port that keeps every message it accepts, for tests of
/// code that sends mail through real libcurl.
///
/// A message repeating a `Message-ID` already received is accepted, not kept twice, as the outbox's receivers dedupe a delivery sent again after a crash.
///
/// It speaks plain SMTP (no STARTTLS): `EHLO`/`HELO`, `AUTH PLAIN` against one account when
/// one is configured, `MAIL FROM`, `RCPT TO` (rejecting addresses listed in `rejectedRecipients`
/// with 550), `DATA` with dot-unstuffing, `RSET`, `NOOP`, `QUIT`. Each connection runs on its
/// own thread; ``stop()`` stops accepting new ones.
public final class MockSMTPServer: Sendable {
    /// One message as the server received it.
    public struct ReceivedMessage: Sendable, Hashable {
        /// The `MAIL FROM` address, without angle brackets.
        public let from: String
        /// The `RCPT TO` addresses accepted, without angle brackets.
        public let recipients: [String]
        /// The message bytes after dot-unstuffing, without the final `.` line.
        public let data: [UInt8]
        /// The user who authenticated, if anyone did.
        public let authenticatedUser: String?

        /// The `Message-ID` header's value, if the message has one.
        public var messageID: String? {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false) {
                if line.isEmpty { return nil }  // the end of the header
                if line.lowercased().hasPrefix("message-id:") {
                    return line.dropFirst("message-id:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// The port the server listens on.
    public let port: Int
    private let listener: LoopbackListener
    private let account: (user: String, password: String)?
    private let rejectedRecipients: Set<String>
    private let received = Mutex<(messages: [ReceivedMessage], ids: Set<String>)>(([], []))

    /// Starts listening on 127.0.0.1 at a free port. With `account`, mail is accepted only
    /// after `AUTH PLAIN` with that user and password.
    public init(account: (user: String, password: String)? = nil, rejectedRecipients: Set<String> = []) throws {
        self.account = account
        self.rejectedRecipients = rejectedRecipients
        listener = try LoopbackListener()
        port = listener.port
        let server = self
        listener.start { server.serve($0) }
    }

    /// Every message accepted so far, in order, once per `Message-ID`.
    public var messages: [ReceivedMessage] { received.withLock { $0.messages } }

    /// Stops accepting connections; connections already open run to their end.
    public func stop() { listener.stop() }

    private func serve(_ socket: Int32) {
        var reader = LineReader(socket: socket)
        var session = SMTPSession(account: account, rejectedRecipients: rejectedRecipients)
        guard send("220 mock-smtp ready\r\n", to: socket) else { return }
        while let line = reader.readLine() {
            if session.readingData {
                if line == "." {
                    if let message = session.finishData() { keep(message) }
                    guard send("250 OK queued\r\n", to: socket) else { return }
                } else {
                    session.appendData(line.hasPrefix(".") ? String(line.dropFirst()) : line)
                }
                continue
            }
            let (reply, closes) = session.reply(to: line)
            guard send(reply, to: socket), !closes else { return }
        }
    }

    private func keep(_ message: ReceivedMessage) {
        received.withLock { received in
            if let id = message.messageID, !received.ids.insert(id).inserted { return }
            received.messages.append(message)
        }
    }

    private func send(_ text: String, to socket: Int32) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard result > 0 else { return false }
            sent += result
        }
        return true
    }
}

public enum MockServerError: Error {
    case cannotListen
}
