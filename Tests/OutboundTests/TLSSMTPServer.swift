import Foundation

/// The mock SMTP server with TLS (`Mocks/Servers/tls_smtp_server.py`, on aiosmtpd in the
/// repository's `.build-venv`) on a loopback port, with a fresh self-signed certificate for
/// 127.0.0.1 and one account; AUTH is accepted only over TLS. Stopped by ``stop()``.
final class TLSSMTPServer {
    /// How the connection is encrypted.
    enum Mode: String, Sendable, CaseIterable {
        /// Plain SMTP that must be upgraded with STARTTLS before AUTH or MAIL (`smtp://`).
        case starttls
        /// TLS from the first byte (`smtps://`).
        case smtps

        /// The URL scheme a client uses for it.
        var scheme: String { self == .starttls ? "smtp" : "smtps" }
    }

    /// One message as the server accepted it.
    struct ReceivedMessage: Decodable {
        /// The `MAIL FROM` address.
        let mailFrom: String
        /// The `RCPT TO` addresses.
        let rcptTos: [String]
        /// The message after dot-unstuffing.
        let data: String
        /// Whether the session was encrypted when the message came.
        let tls: Bool
        /// Who authenticated, if anyone did.
        let user: String?
    }

    /// Whether the tests can run it: the `openssl` tool for the certificate and the venv's
    /// Python with aiosmtpd (`scripts/install-deps` installs both).
    static let isAvailable = SelfSignedCertificate.isAvailable && pythonHasAiosmtpd()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    private static let python = repository.appendingPathComponent(".build-venv/bin/python").path
    private static let script = repository.appendingPathComponent("Mocks/Servers/tls_smtp_server.py").path

    let port: Int
    /// The server's certificate, as a PEM file a client can be told to trust.
    var certificatePath: String { certificate.certificatePath }
    private let certificate: SelfSignedCertificate
    private let process: ServerProcess

    /// Starts the server in `mode` with `account` as the only user.
    init(mode: Mode, account: (user: String, password: String)) throws {
        let certificate = try SelfSignedCertificate()
        self.certificate = certificate
        do {
            process = try ServerProcess(
                executable: Self.python,
                arguments: [Self.script, "--cert", certificate.certificatePath, "--key", certificate.keyPath,
                            "--mode", mode.rawValue, "--user", account.user, "--password", account.password],
                outputPath: certificate.path(for: "smtp.out"))
            port = try process.waitForLine { line in
                line.hasPrefix("LISTENING ") ? Int(line.dropFirst("LISTENING ".count)) : nil
            }
        } catch {
            certificate.remove()
            throw error
        }
    }

    /// Every message accepted so far, in order; the server writes each before it answers 250.
    func messages() throws -> [ReceivedMessage] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try process.lines.filter { $0.hasPrefix("{") }
            .map { try decoder.decode(ReceivedMessage.self, from: Data($0.utf8)) }
    }

    func stop() {
        process.stop()
        certificate.remove()
    }

    private static func pythonHasAiosmtpd() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import aiosmtpd"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
