import CCurl

/// The C callbacks libcurl calls during a transfer. They capture nothing: their context is
/// the ``TransferState`` passed as `CURLOPT_WRITEDATA`, `CURLOPT_HEADERDATA` and
/// `CURLOPT_XFERINFODATA`.
enum TransferCallbacks {
    /// Appends body bytes; returning less than it was given makes libcurl stop with a write error.
    static let body: curl_write_callback = { data, size, count, context in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard length > 0, let data else { return length }
        guard state.body.count + length <= state.limit else {
            state.exceededLimit = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    /// Records one header line.
    static let header: curl_write_callback = { data, size, count, context in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard length > 0, let data else { return length }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            state.receiveHeaderLine(UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    /// Hands libcurl the next part of the upload; 0 means the upload is complete.
    static let upload: curl_read_callback = { buffer, size, count, context in
        guard let context, let buffer else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let length = min(size * count, state.upload.count - state.uploadOffset)
        guard length > 0 else { return 0 }
        state.upload.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + state.uploadOffset, byteCount: length)
        }
        state.uploadOffset += length
        return length
    }

    /// Called often while a transfer runs; a non-zero answer aborts it (the task was cancelled).
    static let progress: curl_xferinfo_callback = { context, _, _, _, _ in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        return state.cancellation.isRaised ? 1 : 0
    }
}
