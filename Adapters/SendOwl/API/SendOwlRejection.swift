import AdapterKit
import Foundation

/// SendOwl's refusals in its own words: a 422 whose body is `[["field","message"], …]`
/// becomes a ``AdapterKit/ProviderAPIError/Kind/rejected`` error saying `field message`.
enum SendOwlRejection {
    /// `error` with SendOwl's reasons as its message when it is a 422 in SendOwl's shape;
    /// any other error as it is.
    ///
    /// ``AdapterKit/ProviderHTTP`` keeps the start of the answer (300 characters) in the
    /// message after `answered 422: `; a longer list that was cut keeps the plain message.
    static func reworded(_ error: ProviderAPIError) -> ProviderAPIError {
        guard error.status == 422, let marker = error.message.range(of: " answered 422: ") else { return error }
        let call = error.message[..<marker.lowerBound]
        guard let reasons = reasons(in: String(error.message[marker.upperBound...])) else { return error }
        return ProviderAPIError(.rejected, "\(call) was refused: \(reasons)", status: 422)
    }

    /// `field message; field message` from SendOwl's error list, or `nil` when the text is not one.
    static func reasons(in text: String) -> String? {
        guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else { return nil }
        let pairs = list.compactMap { entry -> String? in
            guard let parts = entry as? [Any] else { return nil }
            let words = parts.compactMap { $0 as? String }.filter { !$0.isEmpty }
            return words.isEmpty ? nil : words.joined(separator: " ")
        }
        return pairs.isEmpty ? nil : pairs.joined(separator: "; ")
    }
}
