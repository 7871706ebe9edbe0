import AccessKernel
import AdapterKit

/// Why the gateway cannot start; its description is the sentence the operator reads.
public enum GatewayStartupError: Error, Sendable, CustomStringConvertible {
    /// A secret an adapter needs has no value: the variable is unset or empty.
    case missingSecret(instance: InstanceID, secret: String, variable: String?)
    /// An adapter refused its instance configuration.
    case adapterRefused(instance: InstanceID, AdapterError)
    /// An instance's kind has no adapter in this build.
    case unknownKind(instance: InstanceID, kind: String)
    /// A sink's or the mail server's setting cannot be used (unset variable, bad secret).
    case outbound(key: String, reason: String)

    public var description: String {
        switch self {
        case .missingSecret(let instance, let secret, let variable?):
            "instance \(instance) needs the secret \(secret), but the environment variable \(variable) is not set (export \(variable)=…)"
        case .missingSecret(let instance, let secret, nil):
            "instance \(instance) needs the secret \(secret); add it under instances.\(instance).secrets (\(secret): env:VARIABLE)"
        case .adapterRefused(let instance, let error):
            "instance \(instance) cannot start: \(error.message)"
        case .unknownKind(let instance, let kind):
            "instance \(instance) is of kind \(kind), which this build of Coursegate has no adapter for"
        case .outbound(let key, let reason):
            "\(key): \(reason)"
        }
    }
}
