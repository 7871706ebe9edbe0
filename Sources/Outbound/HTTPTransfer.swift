import CCurl

/// One HTTP request run to completion on a libcurl handle; blocking, so only worker threads call it.
enum HTTPTransfer {
    /// Resets `handle`, applies the client's policy and the request to it, and performs it.
    static func run(_ request: OutboundRequest, on handle: UnsafeMutableRawPointer,
                    configuration: CurlClient.Configuration,
                    cancellation: CancellationFlag) -> Result<OutboundResponse, OutboundError> {
        curl_easy_reset(handle)
        let state = TransferState(limit: configuration.maxResponseBytes, cancellation: cancellation)
        let context = Unmanaged.passUnretained(state).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        do throws(OutboundError) {
            try request.validate()
            let options = CurlOptions(handle: handle)
            try options.setCommon(url: request.url, protocols: "http,https", configuration: configuration)
            try options.set(CURLOPT_FOLLOWLOCATION, configuration.followRedirects ? 1 : 0)
            if configuration.followRedirects {
                try options.set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
                try options.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
            }
            if request.method != .head {
                // Refuses an announced oversized body at once; the write callback enforces the rest.
                try options.setSize(CURLOPT_MAXFILESIZE_LARGE, configuration.maxResponseBytes)
            }
            try options.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(state.errorBuffer))
            try options.set(CURLOPT_WRITEFUNCTION, write: TransferCallbacks.body)
            try options.set(CURLOPT_WRITEDATA, pointer: context)
            try options.set(CURLOPT_HEADERFUNCTION, write: TransferCallbacks.header)
            try options.set(CURLOPT_HEADERDATA, pointer: context)
            try options.set(CURLOPT_NOPROGRESS, 0)
            try options.set(CURLOPT_XFERINFOFUNCTION, progress: TransferCallbacks.progress)
            try options.set(CURLOPT_XFERINFODATA, pointer: context)

            let sendsBody = !request.body.isEmpty || (request.method != .get && request.method != .head)
            for line in headerLines(for: request, sendsBody: sendsBody) {
                guard let appended = curl_slist_append(headerList, line) else {
                    throw OutboundError(kind: .transport, message: "out of memory building the header list")
                }
                headerList = appended
            }
            try options.set(CURLOPT_HTTPHEADER, list: headerList)

            let performed = request.body.withUnsafeBytes { body in
                Result { () throws(OutboundError) -> CURLcode in
                    switch request.method {
                    case .get where !sendsBody:
                        try options.set(CURLOPT_HTTPGET, 1)
                    case .head where !sendsBody:
                        try options.set(CURLOPT_NOBODY, 1)
                    default:
                        try options.set(CURLOPT_POST, 1)
                        try options.setSize(CURLOPT_POSTFIELDSIZE_LARGE, body.count)
                        if let base = body.baseAddress, body.count > 0 {
                            // Not copied by libcurl: `body` stays valid until `curl_easy_perform` returns.
                            try options.set(CURLOPT_POSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: base))
                        } else {
                            try options.set(CURLOPT_COPYPOSTFIELDS, "")
                        }
                        if request.method != .post {
                            try options.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
                        }
                    }
                    return curl_easy_perform(handle)
                }
            }
            let code = try performed.get()
            // Keep the state alive until libcurl can no longer call back into it.
            return withExtendedLifetime(state) {
                guard code == CURLE_OK else { return .failure(CurlFailure.error(for: code, state: state)) }
                var status = 0
                _ = cg_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
                return .success(OutboundResponse(status: status, headers: state.headers, body: state.body))
            }
        } catch {
            return .failure(error)
        }
    }

    /// The header lines sent: the caller's, plus the empty fields that switch off curl's defaults.
    private static func headerLines(for request: OutboundRequest, sendsBody: Bool) -> [String] {
        var lines: [String] = []
        // curl 7.88 sends `Expect: 100-continue` before bodies over 1 MiB and waits a second
        // for an answer Hummingbird never gives; an empty field stops it.
        if request.headers["Expect"] == nil { lines.append("Expect:") }
        // A POST would otherwise be labelled `application/x-www-form-urlencoded`.
        if sendsBody, request.headers["Content-Type"] == nil { lines.append("Content-Type:") }
        for header in request.headers {
            // `Name:` would remove the field; `Name;` is curl's way of sending it empty.
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        return lines
    }
}
