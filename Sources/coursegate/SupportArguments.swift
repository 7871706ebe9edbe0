import AccessKernel
import ArgumentParser
import Foundation
import Gateway

/// `--product INSTANCE:KIND:ID[:PRICING_OPTION]` or `INSTANCE:ID` (kind product).
struct ProductArgument: ExpressibleByArgument {
    var choice: ProductChoice

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { return nil }
        switch parts.count {
        case 2:
            choice = ProductChoice(instance: parts[0], kind: .product, productID: parts[1])
        case 3, 4:
            guard let kind = ItemKind(rawValue: parts[1].lowercased()) else { return nil }
            choice = ProductChoice(instance: parts[0], kind: kind, productID: parts[2], pricingOption: parts.count == 4 ? parts[3] : nil)
        default:
            return nil
        }
    }

    static var defaultValueDescription: String { "INSTANCE:KIND:ID[:PRICING_OPTION]" }
}

/// A date (`2027-01-31`, midnight UTC) or a date-time with its zone (`2027-01-31T12:00:00Z`).
struct DateArgument: ExpressibleByArgument {
    var date: Date

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text.count == 10, let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) {
            self.date = date
        } else if let date = try? Date(text, strategy: .iso8601) {
            self.date = date
        } else if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            self.date = date
        } else {
            return nil
        }
    }
}
