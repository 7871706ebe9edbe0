import AccessKernel
import Foundation

/// Reads the cells of one row into a ``CSVImportRow``, or says what is wrong with it.
struct CSVImportRowReader {
    let mapping: Mapping
    let columns: CSVImportColumns
    private let dateTime: ISO8601DateFormatter
    private let fractional: ISO8601DateFormatter
    private let calendar: Calendar

    init(mapping: Mapping, columns: CSVImportColumns) {
        self.mapping = mapping
        self.columns = columns
        dateTime = ISO8601DateFormatter()
        fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        self.calendar = calendar
    }

    /// The row, or the reasons it is refused (each naming its column).
    func read(_ record: CSVReader.Record) -> Result<CSVImportRow, RowProblems> {
        var problems: [String] = []
        guard record.fields.count == columns.count else {
            return .failure(RowProblems(["\(record.fields.count) fields where the header has \(columns.count)"]))
        }
        let rawEmail = Self.trimmed(record.fields[columns.email])
        if rawEmail.isEmpty {
            problems.append("email: missing")
        } else if !EmailAddress.isPlausible(rawEmail) {
            problems.append("email: \(rawEmail) is not an email address")
        }
        let name = columns.name.map { Self.trimmed(record.fields[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
        var grants: [GrantTarget] = []
        for product in Self.list(columns.products.map { record.fields[$0] }) {
            switch self.product(product) {
            case .success(let target): grants.append(target)
            case .failure(let problem): problems.append("products: \(problem.reasons[0])")
            }
        }
        for course in Self.list(columns.courses.map { record.fields[$0] }) {
            if let known = mapping.courses[course] {
                if known.published { grants.append(.course(course)) } else { problems.append("courses: \(course) is not published") }
            } else {
                problems.append("courses: no course \(course) in the mapping")
            }
        }
        if grants.isEmpty && problems.isEmpty { problems.append("products, courses: the row gives no product and no course") }
        var expiresAt: Date?
        if let column = columns.expiresAt {
            let text = Self.trimmed(record.fields[column])
            if !text.isEmpty {
                expiresAt = date(text)
                if expiresAt == nil { problems.append("expires_at: \(text) is not a date (2027-01-31 or 2027-01-31T12:00:00Z)") }
            }
        }
        guard problems.isEmpty else { return .failure(RowProblems(problems)) }
        let unique = Dictionary(grants.map { (CSVImportRow.describe($0), $0) }, uniquingKeysWith: { first, _ in first })
        return .success(CSVImportRow(line: record.line, email: EmailAddress.normalise(rawEmail), name: name,
                                     grants: unique.keys.sorted().compactMap { unique[$0] }, expiresAt: expiresAt))
    }

    /// `INSTANCE:KIND:ID[:PRICING_OPTION]` or `INSTANCE:ID`, matched against the routes.
    private func product(_ text: String) -> Result<GrantTarget, RowProblems> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let key: ItemKey
        switch parts.count {
        case 2:
            key = ItemKey(.product, parts[1])
        case 3, 4:
            guard let kind = ItemKind(rawValue: parts[1].lowercased()) else {
                return .failure(RowProblems(["\(text): \(parts[1]) is not a kind (\(ItemKind.allCases.map(\.rawValue).joined(separator: ", ")))"]))
            }
            key = ItemKey(kind, parts[2], pricingOption: parts.count == 4 ? parts[3] : nil)
        default:
            return .failure(RowProblems(["\(text) is not INSTANCE:ID or INSTANCE:KIND:ID[:PRICING_OPTION]"]))
        }
        let instance = parts[0]
        guard !instance.isEmpty, !key.productID.isEmpty, key.pricingOption?.isEmpty != true else {
            return .failure(RowProblems(["\(text) has an empty part"]))
        }
        guard mapping.instances[instance] != nil else {
            return .failure(RowProblems(["\(text): no instance \(instance) in the mapping"]))
        }
        guard let route = mapping.route(for: key, on: instance), !route.courses.isEmpty else {
            return .failure(RowProblems(["\(text): no route for \(key) on \(instance) in the mapping"]))
        }
        return .success(.item(instance: instance, key: key))
    }

    /// A date (`2027-01-31`, midnight UTC) or a date-time with its zone.
    private func date(_ text: String) -> Date? {
        if text.count == 10 {
            let parts = text.split(separator: "-")
            guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
                  (1...12).contains(month), (1...31).contains(day) else { return nil }
            let components = DateComponents(year: year, month: month, day: day)
            guard components.isValidDate(in: calendar) else { return nil }
            return calendar.date(from: components)
        }
        return dateTime.date(from: text) ?? fractional.date(from: text)
    }

    /// The text without spaces and tabs around it, in Swift (Foundation's trimming bridges
    /// through NSString, a third of the time of checking a row).
    private static func trimmed(_ text: some StringProtocol) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.first, let last = text.last, isBlank(first) || isBlank(last) else { return String(text) }
        return String(text.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }

    /// The `;`-separated entries of a cell, trimmed, empty ones left out.
    private static func list(_ cell: String?) -> [String] {
        guard let cell else { return [] }
        return cell.split(separator: ";").map(Self.trimmed).filter { !$0.isEmpty }
    }
}

/// Why a row is refused: one reason per column at fault.
struct RowProblems: Error {
    var reasons: [String]
    init(_ reasons: [String]) { self.reasons = reasons }
}
