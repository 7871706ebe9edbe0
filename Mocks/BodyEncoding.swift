/// The two ways a provider may write one payload, with their media type and the file
/// extension their recorded fixtures use.
public enum BodyEncoding: String, Sendable, CaseIterable {
    case form
    case json

    /// The `Content-Type` the provider sends.
    public var contentType: String {
        switch self {
        case .form: "application/x-www-form-urlencoded"
        case .json: "application/json"
        }
    }

    /// The extension of fixture files in this encoding (`order.success.form`).
    public var fileExtension: String { rawValue }

    /// The encoding a fixture file's extension names, if any.
    public init?(fileExtension: String) { self.init(rawValue: fileExtension) }

    /// The body bytes of a payload in this encoding.
    public func encode(_ value: PayloadValue) -> [UInt8] {
        switch self {
        case .form: FormEncoding.encode(value)
        case .json: JSONEncoding.encode(value)
        }
    }
}
