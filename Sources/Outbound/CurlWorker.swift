import CCurl
import Dispatch

/// A thread of its own (a serial queue) and, in ``CurlHandleMode/reused`` mode, the libcurl
/// handle it keeps between requests.
///
/// `@unchecked Sendable` is safe because ownership is exclusive: a worker is either in the
/// ``WorkerPool``'s idle list (handed out only under the pool's mutex) or held by exactly one
/// request, which touches ``handle`` only from a block on ``queue`` and awaits that block
/// before giving the worker back. So ``handle`` is never read or written by two threads at once.
final class CurlWorker: @unchecked Sendable {
    /// Where this worker's blocking `curl_easy_perform` calls run, off Swift's cooperative pool.
    let queue: DispatchQueue
    /// The kept handle, created on first use; `nil` before it and in ``CurlHandleMode/newPerRequest`` mode.
    private var handle: UnsafeMutableRawPointer?

    init(index: Int) {
        queue = DispatchQueue(label: "coursegate.outbound.worker-\(index)")
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
    }

    /// Runs `work` with a handle as `mode` asks: the kept one (created if needed) or a fresh one
    /// closed afterwards. Call only on ``queue`` while holding the worker.
    func withHandle<T>(mode: CurlHandleMode,
                       _ work: (UnsafeMutableRawPointer) -> Result<T, OutboundError>) -> Result<T, OutboundError> {
        switch mode {
        case .reused:
            if handle == nil { handle = curl_easy_init() }
            guard let handle else { return .failure(Self.noHandle) }
            return work(handle)
        case .newPerRequest:
            guard let fresh = curl_easy_init() else { return .failure(Self.noHandle) }
            defer { curl_easy_cleanup(fresh) }
            return work(fresh)
        }
    }

    private static let noHandle = OutboundError(kind: .transport, message: "libcurl could not create a handle")
}
