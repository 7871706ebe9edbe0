import Foundation
import Outbound

/// How the gateway listens and how often it sweeps expired access.
///
/// A value with defaults for every field, so the CLI sets what the user gave and tests set
/// port 0 (any free port) and nothing else.
public struct GatewayConfiguration: Sendable {
    /// The address to bind; loopback by default, so exposing the gateway is a decision.
    public var host: String
    /// The port to bind; 0 picks a free one (tests).
    public var port: Int
    /// The largest webhook body accepted; larger ones are answered 413.
    public var maxBodySize: Int
    /// How often the sweeper looks for access that reached its end time.
    public var sweepInterval: Duration
    /// The most deliveries committed in one transaction.
    public var maxCommitBatch: Int
    /// How long a verified API key is trusted without asking the store again.
    public var keyCacheLifetime: Duration
    /// How long an access answer is served from memory; bounds how late a change written
    /// by another process (the CLI) shows. This gateway's own changes show at once.
    public var accessAnswerLifetime: Duration
    /// How often the outbox worker looks for deliveries nothing told it about (written by the CLI).
    public var outboxPollInterval: Duration = .seconds(1)
    /// How often the mapping file (and versions put in force by the CLI) are checked.
    public var mappingCheckInterval: Duration = .seconds(1)
    /// Whether the mapping file is watched and SIGHUP reloads it (`POST /v1/mapping/reload` always works).
    public var watchMapping = true
    /// Timeouts and limits of the libcurl client deliveries go through.
    public var outboundClient = CurlClient.Configuration()
    /// How often the customer hub sends sign-in links, per email and per client address.
    public var hubLimits = HubRateLimits()
    /// The customer hub's clock (link and session expiry, rate windows); tests move it on.
    public var hubClock: @Sendable () -> Date = { Date() }

    /// A configuration; every argument has the default `coursegate serve` uses.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodySize: Int = 1 << 20,
                sweepInterval: Duration = .seconds(60), maxCommitBatch: Int = 512,
                keyCacheLifetime: Duration = .seconds(30), accessAnswerLifetime: Duration = .seconds(2)) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.sweepInterval = sweepInterval
        self.maxCommitBatch = maxCommitBatch
        self.keyCacheLifetime = keyCacheLifetime
        self.accessAnswerLifetime = accessAnswerLifetime
    }
}
