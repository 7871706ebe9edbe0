/// Secrets in the mapping file are written `env:NAME` (read from the environment at
/// start-up) so that the file itself can be committed; a literal value also works.
public enum SecretReference {
    /// The variable an `env:NAME` reference names, or `nil` for a literal.
    public static func variable(in reference: String) -> String? {
        reference.hasPrefix("env:") ? String(reference.dropFirst(4)) : nil
    }

    /// The secret's value: the variable's for `env:NAME`, else the literal.
    public static func resolve(_ reference: String, environment: [String: String]) -> String? {
        guard let variable = variable(in: reference) else { return reference }
        return environment[variable]
    }
}
