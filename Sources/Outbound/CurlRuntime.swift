import CCurl

/// libcurl's process-wide initialisation, done once before the first handle is created.
///
/// `curl_global_init` is not thread-safe in every libcurl build; a `static let` is initialised
/// exactly once, under the runtime's own lock, whichever thread reaches it first.
enum CurlRuntime {
    /// The result of `curl_global_init(CURL_GLOBAL_DEFAULT)`; `nil` when it succeeded.
    private static let failure: String? = {
        let code = cg_global_init()
        return code == CURLE_OK ? nil : String(cString: curl_easy_strerror(code))
    }()

    /// Initialises libcurl if nobody has yet; throws when libcurl could not start.
    static func ensureInitialised() throws(OutboundError) {
        if let failure {
            throw OutboundError(kind: .transport, message: "libcurl could not start: \(failure)")
        }
    }
}
