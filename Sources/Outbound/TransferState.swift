import CCurl
import Synchronization

/// What one transfer's callbacks collect, reached from C through an `Unmanaged` pointer.
///
/// Created, filled and read on the worker thread that runs the transfer; never shared.
final class TransferState {
    /// The response body received so far.
    var body: [UInt8] = []
    /// The header fields of the latest response received so far.
    var headers: [HTTPHeader] = []
    /// The most body bytes accepted.
    let limit: Int
    /// Set by the write callback when it stopped the transfer because of ``limit``.
    var exceededLimit = false
    /// Set from the waiting task when it is cancelled; the progress callback stops the transfer.
    let cancellation: CancellationFlag
    /// The bytes an upload (a mail message) sends, and how many were handed to libcurl.
    var upload: [UInt8] = []
    var uploadOffset = 0
    /// libcurl's detailed message for a failed transfer (`CURLOPT_ERRORBUFFER`).
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(limit: Int, cancellation: CancellationFlag) {
        self.limit = limit
        self.cancellation = cancellation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// libcurl's message for the last failure, empty when it wrote none.
    var errorMessage: String { String(cString: errorBuffer) }

    /// Records one raw header line (`Name: value\r\n`, or a status line that starts a response).
    func receiveHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: "\n") {
            end -= 1
        }
        let line = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self))
        if line.hasPrefix("HTTP/") {
            // A new response begins (after a `100 Continue` or a followed redirect).
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingWhitespace
        let value = line[line.index(after: colon)...].trimmingWhitespace
        if !name.isEmpty { headers.append(HTTPHeader(name: String(name), value: String(value))) }
    }
}

/// A flag a cancelled task raises for the worker thread running its transfer.
final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmingWhitespace: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
