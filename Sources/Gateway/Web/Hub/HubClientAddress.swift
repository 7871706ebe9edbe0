import Hummingbird

/// The address a hub request came from, for the per-address rate limit.
///
/// The gateway listens on loopback behind a TLS proxy, so the peer is the proxy: the
/// client is the last `X-Forwarded-For` entry, the one the proxy appended (earlier ones are
/// whatever the client sent). Without the header every request counts as `direct`.
enum HubClientAddress {
    static func of(_ request: Request) -> String {
        guard let header = request.headers[values: .init("X-Forwarded-For")!].last,
              let last = header.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty else {
            return "direct"
        }
        return last
    }
}
