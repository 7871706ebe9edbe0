import AccessStore
import Foundation
import Testing

@Suite("Crash safety")
struct CrashTests {
    /// The probe binary, built beside the test bundle by `swift build --build-tests`.
    static var probe: URL? {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("record-burst-probe") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test("kill -9 in the middle of a burst loses no acknowledged fact and doubles none")
    func killNine() async throws {
        let probe = try #require(Self.probe, "build the probe with swift build --build-tests")
        let fixture = try await StoreFixture()
        let process = Process()
        process.executableURL = probe
        process.arguments = [fixture.path, "100000"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()

        var acknowledged: [String] = []
        var buffer = Data()
        let handle = output.fileHandleForReading
        while acknowledged.count < 300 {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            acknowledged = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
                .filter { $0.hasPrefix("ack ") }.map { String($0.dropFirst(4)) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        buffer.append(handle.readDataToEndOfFile())
        acknowledged = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("ack ") }.map { String($0.dropFirst(4)) }
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= 300)

        let store = try fixture.reopen()
        let stored = try await store.factKeys().map(\.rawValue)
        #expect(Set(stored).count == stored.count, "no fact is stored twice")
        let missing = Set(acknowledged).subtracting(stored)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(5))")
        // One grant per customer: nothing was applied twice.
        for key in Set(acknowledged).prefix(50) {
            let index = key.split(separator: ":").last.map(String.init) ?? ""
            let customer = try #require(try await store.customer(email: "buyer\(index)@example.com"))
            #expect(try await store.accessEvents(customerID: customer.id).map(\.kind) == [.granted])
        }
    }
}
