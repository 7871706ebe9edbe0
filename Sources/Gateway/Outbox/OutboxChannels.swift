import AccessKernel
import AccessStore
import Foundation
import MappingConfig
import Outbound

/// The outbox's receivers with their secrets resolved: signers per sink, the mail server.
public struct OutboxChannels: Sendable {
    public struct Sink: Sendable {
        public var name: String
        public var url: String
        public var signer: WebhookSigner
    }

    public struct Mail: Sendable {
        public var server: MailServer
        public var from: String
        public var defaultWelcome: MessageTemplate
        /// The customer hub's address (`hub.url`), which every receipt-style mail links to.
        public var hubURL: String?
    }

    public var sinks: [String: Sink]
    public var mail: Mail?
    public var retryPolicy: RetryPolicy
    public var concurrency: Int

    /// Resolves `settings` against `environment`.
    ///
    /// - Throws: ``GatewayStartupError/outbound(key:reason:)`` naming the setting.
    public init(_ settings: OutboundSettings, environment: [String: String]) throws(GatewayStartupError) {
        var sinks: [String: Sink] = [:]
        for sink in settings.sinks {
            let key = "sinks.\(sink.name).secret"
            let secrets = try Self.resolve(sink.secret, key: key, environment: environment)
                .split(separator: " ").map(String.init)
            do {
                sinks[sink.name] = Sink(name: sink.name, url: sink.url, signer: try WebhookSigner(secrets: secrets))
            } catch {
                throw .outbound(key: key, reason: "\(error)")
            }
        }
        self.sinks = sinks
        if let mail = settings.mail {
            let username = try mail.username.map { reference throws(GatewayStartupError) in
                try Self.resolve(reference, key: "mail.username", environment: environment)
            }
            let password = try mail.password.map { reference throws(GatewayStartupError) in
                try Self.resolve(reference, key: "mail.password", environment: environment)
            }
            self.mail = Mail(server: MailServer(url: mail.server, username: username, password: password,
                                                requireTLS: mail.requireTLS),
                             from: mail.from, defaultWelcome: mail.welcome, hubURL: nil)
        }
        var policy = RetryPolicy(maxAttempts: settings.maxAttempts)
        if let schedule = settings.retrySchedule { policy.schedule = schedule.map { .seconds($0) } }
        retryPolicy = policy
        concurrency = settings.concurrency
    }

    private static func resolve(_ reference: String, key: String, environment: [String: String]) throws(GatewayStartupError) -> String {
        guard let value = SecretReference.resolve(reference, environment: environment), !value.isEmpty else {
            let variable = SecretReference.variable(in: reference) ?? reference
            throw .outbound(key: key, reason: "the environment variable \(variable) is not set (export \(variable)=…)")
        }
        return value
    }
}

extension OutboxTargets {
    /// What the record transaction writes to the outbox under `settings`: a row per sink,
    /// and welcome mail when a mail server is configured.
    public init(_ settings: OutboundSettings) {
        self.init(sinks: settings.sinkNames, welcomeMail: settings.mail != nil)
    }
}
