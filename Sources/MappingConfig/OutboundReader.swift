import AccessKernel
import Yams

/// Reading the `sinks`, `mail` and `delivery` sections.
extension MappingReader {
    mutating func readOutbound(sinks: Node?, mail: Node?, delivery: Node?) -> OutboundSettings {
        var settings = OutboundSettings()
        if let sinks {
            for (name, keyNode, value) in reader.pairs(sinks, "sinks") {
                let path = "sinks.\(name)"
                var url: String?
                var secret: String?
                let fields = reader.pairs(value, path, allowed: ["url", "secret"])
                for (field, _, node) in fields {
                    switch field {
                    case "url": url = reader.url(node, "\(path).url")
                    case "secret":
                        secret = secretReference(node, "\(path).secret")
                        if let literal = secret, SecretReference.variable(in: literal) == nil, !literal.hasPrefix("whsec_") {
                            reader.report(node, "\(path).secret", "expected env:NAME or a whsec_… secret")
                        }
                    default: break
                    }
                }
                let missing = ["url", "secret"].filter { key in !fields.contains { $0.0 == key } }
                if !missing.isEmpty {
                    reader.report(keyNode, path, "a sink needs url and secret; \(missing.joined(separator: " and ")) is missing")
                }
                guard let url, let secret else { continue }
                settings.sinks.append(.init(name: name, url: url, secret: secret))
            }
        }
        if let mail {
            var server: String?
            var from: String?
            var result = OutboundSettings.Mail(server: "", from: "")
            let mailFields = reader.pairs(mail, "mail", allowed: ["server", "from", "username", "password", "tls", "welcome"])
            let mailKeys = Set(mailFields.map(\.0))
            for (field, _, node) in mailFields {
                let key = "mail.\(field)"
                switch field {
                case "server": server = reader.url(node, key, schemes: ["smtp", "smtps"])
                case "from": from = reader.string(node, key)
                case "username": result.username = secretReference(node, key)
                case "password": result.password = secretReference(node, key)
                case "tls": result.requireTLS = reader.choice(node, key, TLSMode.self).map { $0 == .required } ?? true
                case "welcome": result.welcome = readTemplate(node, key) ?? result.welcome
                default: break
                }
            }
            if let server, let from {
                result.server = server
                result.from = from
                settings.mail = result
            } else if server == nil && !mailKeys.contains("server") || from == nil && !mailKeys.contains("from") {
                // A key given with a bad value was reported where it stands.
                reader.report(mail, "mail", "the mail section needs server and from")
            }
        }
        if let delivery {
            for (field, _, node) in reader.pairs(delivery, "delivery", allowed: ["max_attempts", "concurrency", "retry_schedule"]) {
                switch field {
                case "max_attempts": settings.maxAttempts = reader.positiveInt(node, "delivery.max_attempts") ?? settings.maxAttempts
                case "concurrency": settings.concurrency = reader.positiveInt(node, "delivery.concurrency") ?? settings.concurrency
                case "retry_schedule":
                    guard case .sequence(let waits) = node, !waits.isEmpty else {
                        reader.report(node, "delivery.retry_schedule", "expected a list of seconds, for example [5, 300, 1800]")
                        break
                    }
                    let seconds = waits.enumerated().compactMap { reader.positiveInt($1, "delivery.retry_schedule[\($0)]") }
                    if seconds.count == waits.count { settings.retrySchedule = seconds }
                default: break
                }
            }
        }
        return settings
    }

    private enum TLSMode: String, CaseIterable { case required, optional }
}
