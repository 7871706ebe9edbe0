import MappingConfig

extension OutboxChannels {
    /// The channels of `settings`, with the hub's address for the links mails carry.
    public init(_ settings: OutboundSettings, hub: HubSettings, environment: [String: String]) throws(GatewayStartupError) {
        try self.init(settings, environment: environment)
        mail?.hubURL = hub.url
    }
}
