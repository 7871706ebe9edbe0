import Foundation

/// A server program run as a child process of the tests, its standard output and error
/// collected in files and read back line by line; stopped by ``stop()``.
final class ServerProcess {
    private let process: Process
    private let outputPath: String
    private let errorPath: String

    /// Starts `executable` with `arguments`, writing its output to `outputPath` and its errors
    /// beside it. Its standard input is a pipe nobody writes to, closed only when the tests end.
    init(executable: String, arguments: [String], outputPath: String) throws {
        self.outputPath = outputPath
        errorPath = outputPath + ".err"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil),
              FileManager.default.createFile(atPath: errorPath, contents: nil) else {
            throw ServerProcessError.didNotStart("cannot create \(outputPath)")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = Pipe()
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
    }

    /// The lines the process printed so far.
    var lines: [Substring] {
        ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    /// The first line that `parse` turns into a value, waiting up to 20 s for it; when none comes
    /// (or the process ends first), stops the process and throws with what it wrote to stderr.
    func waitForLine<Value>(_ parse: (Substring) -> Value?) throws -> Value {
        let deadline = Date().addingTimeInterval(20)
        repeat {
            let running = process.isRunning
            if let value = lines.lazy.compactMap(parse).first { return value }
            guard running else { break }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        stop()
        throw ServerProcessError.didNotStart((try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    /// Kills the process and waits for it.
    func stop() {
        // SIGKILL: the test runner blocks SIGTERM, and a spawned child inherits that mask.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

enum ServerProcessError: Error {
    /// The server did not say it was listening; with what it wrote to stderr.
    case didNotStart(String)
}
