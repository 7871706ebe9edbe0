extension CurlClient {
    /// How a ``CurlClient`` connects: timeouts, limits, redirects, and how many transfers at once.
    public struct Configuration: Sendable, Hashable {
        /// The longest a connection (TCP and TLS handshake) may take.
        public var connectTimeout: Duration
        /// The longest a whole request may take, connecting included.
        public var timeout: Duration
        /// The largest response body accepted; a bigger one fails with ``OutboundError/Kind/responseTooLarge``.
        public var maxResponseBytes: Int
        /// Whether 3xx responses are followed; off by default, so a redirect is returned as it is.
        public var followRedirects: Bool
        /// The most redirects followed when ``followRedirects`` is on.
        public var maxRedirects: Int
        /// How many transfers may run at once; each has a thread and, when reused, a handle of its own.
        public var maxConcurrentTransfers: Int
        /// Whether handles (and so connections) are kept between requests.
        public var handleMode: CurlHandleMode
        /// A PEM file of certificate authorities to trust instead of the system's, for a private
        /// CA; `nil` trusts the system store. Verification itself is never switched off.
        public var trustedCertificatesPath: String?

        /// The defaults: 5 s to connect, 30 s in all, 8 MiB of response, no redirects, 8
        /// transfers at once, reused handles, the system's certificate authorities.
        public init(connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(30),
                    maxResponseBytes: Int = 8 << 20, followRedirects: Bool = false, maxRedirects: Int = 5,
                    maxConcurrentTransfers: Int = 8, handleMode: CurlHandleMode = .reused,
                    trustedCertificatesPath: String? = nil) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maxResponseBytes = maxResponseBytes
            self.followRedirects = followRedirects
            self.maxRedirects = maxRedirects
            self.maxConcurrentTransfers = maxConcurrentTransfers
            self.handleMode = handleMode
            self.trustedCertificatesPath = trustedCertificatesPath
        }
    }
}
