import Foundation

/// A fresh self-signed certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1) and its key,
/// made with the `openssl` command-line tool in a temporary folder of their own, which the
/// test servers also use for their output; ``remove()`` deletes the folder.
struct SelfSignedCertificate {
    /// Whether the `openssl` command-line tool is installed, which making one needs.
    static let isAvailable = FileManager.default.isExecutableFile(atPath: opensslPath)
    static let opensslPath = "/usr/bin/openssl"

    /// The folder that holds the certificate, the key and whatever else the test puts there.
    let directory: URL
    /// The certificate, as a PEM file a client can be told to trust.
    let certificatePath: String
    /// The private key, PEM.
    let keyPath: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coursegate-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        certificatePath = directory.appendingPathComponent("cert.pem").path
        keyPath = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.opensslPath)
        process.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", keyPath, "-out", certificatePath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            remove()
            throw SelfSignedCertificateError.notCreated
        }
    }

    /// A path for another file in ``directory``.
    func path(for name: String) -> String { directory.appendingPathComponent(name).path }

    /// Deletes the folder and everything in it.
    func remove() { try? FileManager.default.removeItem(at: directory) }
}

enum SelfSignedCertificateError: Error {
    case notCreated
}
