import AccessKernel
import AccessStore
import Foundation
import MappingConfig

/// What `coursegate serve` tells the person who started it: where to point each provider,
/// and the first API key.
enum ServeBanner {
    /// Prints the listening address and each instance's webhook URL.
    static func listening(host: String, port: Int, instances: [InstanceID: ProviderInstance]) {
        let base = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        print("coursegate listening on \(base)")
        for instance in instances.values.sorted(by: { $0.id < $1.id }) {
            print("  webhook URL for \(instance.id) (\(instance.kind)): \(base)/webhooks/\(instance.id)")
        }
        print("  access check: \(base)/v1/access?email=EMAIL&course=COURSE  (Authorization: Bearer KEY)")
        flush()
    }

    /// Where the outbox delivers, so the operator sees at start-up what will be told.
    static func outbound(_ settings: OutboundSettings) {
        for sink in settings.sinks { print("  sink \(sink.name): \(sink.url)") }
        if let mail = settings.mail { print("  welcome mail via \(mail.server) from \(mail.from)") }
        if settings.sinks.isEmpty && settings.mail == nil {
            print("  no sinks and no mail configured: access changes are recorded but nobody is told")
        }
        flush()
    }

    /// Creates a `read` key named `default-read` when the database has no key yet, and
    /// prints it: the only time it can be seen.
    static func ensureReadKey(in store: any AccessStore) async throws {
        guard try await store.keys().isEmpty else { return }
        let (_, secret) = try await store.createKey(name: "default-read", scope: .read, now: Date())
        print("created the read API key default-read (shown only this once): \(secret)")
        flush()
    }

    /// Pushes printed lines out now, so a pipe or a log collector sees them at once.
    static func flush() {
        fflush(nil)
    }
}
