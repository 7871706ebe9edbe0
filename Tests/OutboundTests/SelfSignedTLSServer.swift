import Foundation

/// `openssl s_server` on a loopback port with a fresh self-signed certificate for 127.0.0.1,
/// answering every request with a status page (`-www`); stopped by ``stop()``.
final class SelfSignedTLSServer {
    let port: Int
    /// The server's certificate, as a PEM file a client can be told to trust.
    var certificatePath: String { certificate.certificatePath }
    private let certificate: SelfSignedCertificate
    private let process: ServerProcess

    /// Whether the `openssl` command-line tool is installed, which these tests need.
    static let isAvailable = SelfSignedCertificate.isAvailable

    init() throws {
        let certificate = try SelfSignedCertificate()
        self.certificate = certificate
        do {
            process = try ServerProcess(
                executable: SelfSignedCertificate.opensslPath,
                arguments: ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate.certificatePath,
                            "-key", certificate.keyPath, "-www"],
                outputPath: certificate.path(for: "server.out"))
            // s_server prints `ACCEPT 127.0.0.1:PORT` once it listens.
            port = try process.waitForLine { line in
                line.hasPrefix("ACCEPT ") ? line.split(separator: ":").last.flatMap { Int($0) } : nil
            }
        } catch {
            certificate.remove()
            throw error
        }
    }

    func stop() {
        process.stop()
        certificate.remove()
    }
}
