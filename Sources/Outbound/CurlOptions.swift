import CCurl

/// Typed `curl_easy_setopt` for one handle, through the shim's per-kind wrappers; a refused
/// option becomes an ``OutboundError`` instead of being ignored.
struct CurlOptions {
    let handle: UnsafeMutableRawPointer

    /// What every transfer sets: the URL and the schemes it may use, no signals, the
    /// connect and total timeouts, and TLS verification (peer and host) against the
    /// system's CAs or the configured ones.
    func setCommon(url: String, protocols: String, configuration: CurlClient.Configuration) throws(OutboundError) {
        try set(CURLOPT_URL, url)
        try set(CURLOPT_PROTOCOLS_STR, protocols)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, configuration.timeout.curlMilliseconds)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let trusted = configuration.trustedCertificatesPath {
            try set(CURLOPT_CAINFO, trusted)
        }
    }

    func set(_ option: CURLoption, _ value: Int) throws(OutboundError) {
        try check(cg_setopt_long(handle, option, value), option)
    }

    func setSize(_ option: CURLoption, _ value: Int) throws(OutboundError) {
        try check(cg_setopt_off(handle, option, curl_off_t(value)), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(OutboundError) {
        try check(cg_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(OutboundError) {
        try check(cg_setopt_pointer(handle, option, pointer), option)
    }

    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) throws(OutboundError) {
        try check(cg_setopt_slist(handle, option, list), option)
    }

    func set(_ option: CURLoption, write: curl_write_callback) throws(OutboundError) {
        try check(cg_setopt_write_function(handle, option, write), option)
    }

    func set(_ option: CURLoption, read: curl_read_callback) throws(OutboundError) {
        try check(cg_setopt_read_function(handle, option, read), option)
    }

    func set(_ option: CURLoption, progress: curl_xferinfo_callback) throws(OutboundError) {
        try check(cg_setopt_xferinfo_function(handle, option, progress), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(OutboundError) {
        guard code == CURLE_OK else { throw CurlFailure.error(forOption: option, code: code) }
    }
}
