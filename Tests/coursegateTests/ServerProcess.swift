import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `coursegate serve` child process, started as a user would and watched through its
/// standard output until it says where it listens.
final class ServerProcess: @unchecked Sendable {
    // Safe: `output` and `errors` are only touched while holding `lock`; `process` is
    // configured before `run()` and afterwards only used through its thread-safe API.
    private let process = Process()
    private let lock = NSLock()
    private var output = ""
    private var errors = ""

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        guard let binary = CLI.binary else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.repository
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.output += String(decoding: data, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.errors += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    var printed: String { lock.withLock { output } }
    var logged: String { lock.withLock { errors } }

    /// The port from `coursegate listening on http://HOST:PORT`, once it is printed.
    func port(timeout: Duration = .seconds(30)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let range = printed.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
               let port = Int(printed[range].split(separator: ":").last ?? "") {
                return port
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServerProcessError.notListening(output: printed, errors: logged)
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate(timeout: Duration = .seconds(30)) async throws -> Int32 {
        process.terminate()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw ServerProcessError.didNotStop
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// Kills the process with SIGKILL (no chance to finish anything) and waits until it is gone.
    func killHard() async throws {
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// POSTs `body` to `path` on the server; returns the status and the body.
    static func post(port: Int, _ path: String, contentType: String, body: Data) async throws -> (status: Int, body: String) {
        try await post(port: port, path, headers: [("Content-Type", contentType)], body: body)
    }

    /// POSTs `body` with `headers` to `path` on the server; returns the status and the body.
    static func post(port: Int, _ path: String, headers: [(name: String, value: String)],
                     body: Data) async throws -> (status: Int, body: String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.upload(for: request, from: body)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// GET `path` on the server with `headers`; returns the status and the body.
    static func get(port: Int, _ path: String, headers: [(name: String, value: String)] = []) async throws -> (status: Int, body: String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Sends `signal` (SIGHUP, …) to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }
}

enum ServerProcessError: Error {
    case notListening(output: String, errors: String)
    case didNotStop
}
