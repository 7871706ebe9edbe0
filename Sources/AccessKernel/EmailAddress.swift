import Foundation

/// Email addresses as Coursegate compares them.
public enum EmailAddress {
    /// Trimmed and case-folded: `  Ann@Example.COM ` and `ann@example.com` are one customer.
    public static func normalise(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Whether a string is plausibly an address (one `@`, text either side, a dot in the
    /// domain, no spaces). Deliberately lenient: the provider already took payment with it.
    public static func isPlausible(_ email: String) -> Bool {
        let parts = normalise(email).split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !parts.joined().contains { $0.isWhitespace }
    }
}
