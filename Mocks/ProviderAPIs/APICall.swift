import AdapterKit

/// Test helpers for calls to a provider API.
public enum APICall {
    /// The error `call` fails with, or `nil` when it succeeds.
    public static func failure<T>(_ call: () async throws(ProviderAPIError) -> T) async -> ProviderAPIError? {
        do {
            _ = try await call()
            return nil
        } catch {
            return error
        }
    }
}
