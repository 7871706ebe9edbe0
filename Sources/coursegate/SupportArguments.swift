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

/// `--limit N --cursor C`: one page of a listing, and how it prints.
struct PageOptions: ParsableArguments {
    @Option(help: "How many to show (1 to 1000).")
    var limit = 50

    @Option(help: "Where the previous page ended (printed under it).")
    var cursor: String?

    /// One line per item (`empty` when there is none), then where the next page starts.
    func print<Item>(_ page: Page<Item>, empty: String, line: (Item) -> String) {
        if page.items.isEmpty { Swift.print(empty) }
        for item in page.items { Swift.print(line(item)) }
        if let next = page.next { Swift.print("more: --cursor \(next)") }
    }
}
