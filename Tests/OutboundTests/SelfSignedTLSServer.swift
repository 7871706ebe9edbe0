import Foundation

/// `openssl s_server` on a loopback port with a fresh self-signed certificate for 127.0.0.1,
/// answering every request with a status page (`-www`); stopped by ``stop()``.
final class SelfSignedTLSServer {
    let port: Int
    /// The server's certificate, as a PEM file a client can be told to trust.
    let certificatePath: String
    private let process: Process
    private let directory: URL

    /// Whether the `openssl` command-line tool is installed, which these tests need.
    static let isAvailable = FileManager.default.isExecutableFile(atPath: opensslPath)
    private static let opensslPath = "/usr/bin/openssl"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coursegate-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        certificatePath = directory.appendingPathComponent("cert.pem").path
        let keyPath = directory.appendingPathComponent("key.pem").path
        try Self.runToEnd(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                           "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", keyPath, "-out", certificatePath])

        let outputPath = directory.appendingPathComponent("server.out")
        guard FileManager.default.createFile(atPath: outputPath.path, contents: nil) else {
            throw SelfSignedTLSServerError.didNotStart
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.opensslPath)
        process.arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", certificatePath, "-key", keyPath, "-www"]
        process.standardOutput = try FileHandle(forWritingTo: outputPath)
        process.standardError = FileHandle.nullDevice
        try process.run()

        // s_server prints `ACCEPT 127.0.0.1:PORT` once it listens.
        let deadline = Date().addingTimeInterval(20)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: outputPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT ") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                found = port
            } else {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            throw SelfSignedTLSServerError.didNotStart
        }
        port = found
    }

    func stop() {
        // SIGKILL: the test runner blocks SIGTERM, and a spawned child inherits that mask.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func runToEnd(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opensslPath)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SelfSignedTLSServerError.certificateNotCreated }
    }
}

enum SelfSignedTLSServerError: Error {
    case didNotStart, certificateNotCreated
}
