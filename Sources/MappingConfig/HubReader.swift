import Yams

/// Reading the `hub` section.
extension MappingReader {
    mutating func readHub(_ node: Node?) -> HubSettings {
        var settings = HubSettings()
        guard let node else { return settings }
        for (field, _, value) in reader.pairs(node, "hub", allowed: ["url", "allow_cancel", "allow_pause", "contact"]) {
            let key = "hub.\(field)"
            switch field {
            case "url": settings.url = reader.url(value, key).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            case "allow_cancel": settings.allowCancel = reader.bool(value, key) ?? settings.allowCancel
            case "allow_pause": settings.allowPause = reader.bool(value, key) ?? settings.allowPause
            case "contact": settings.contact = reader.string(value, key)
            default: break
            }
        }
        return settings
    }
}
