import Synchronization

/// The client's workers: idle ones on a stack (so sequential requests keep using the same
/// warm connection), and requests waiting in arrival order when every worker is busy.
final class WorkerPool: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<CurlWorker, any Error>
    }

    private struct State {
        var idle: [CurlWorker]
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
    }

    private let state: Mutex<State>

    init(size: Int) {
        // Reversed so that the first request takes worker 0.
        state = Mutex(State(idle: (0..<max(1, size)).reversed().map(CurlWorker.init(index:))))
    }

    /// Takes an idle worker, or waits for one; throws `CancellationError` if the task is
    /// cancelled while it waits.
    func acquire() async throws -> CurlWorker {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<CurlWorker, any Error>) in
                let outcome: Result<CurlWorker, any Error>? = state.withLock { state in
                    // Checked under the lock: a cancellation handler that ran before this
                    // point found no waiter to resume, so the flag is the only trace of it.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if let worker = state.idle.popLast() { return .success(worker) }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Hands `worker` to the longest-waiting request, or puts it back on the idle stack.
    func release(_ worker: CurlWorker) {
        let waiter = state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.idle.append(worker)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.continuation.resume(returning: worker)
    }
}
