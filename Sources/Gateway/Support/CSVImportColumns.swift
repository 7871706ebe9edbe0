import Foundation

/// Where each column of an import file is, from its header (case-insensitive, any order).
struct CSVImportColumns: Sendable {
    static let names = ["name", "email", "products", "courses", "expires_at"]

    var count: Int
    var name: Int?
    var email: Int
    var products: Int?
    var courses: Int?
    var expiresAt: Int?

    /// The columns of `header`; throws the reason when it cannot be an import file.
    init(header: [String]) throws(RowProblems) {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        // An empty header cell (a spreadsheet's trailing comma) is a column nobody reads.
        let unknown = names.filter { !$0.isEmpty && !Self.names.contains($0) }
        var problems: [String] = []
        if !unknown.isEmpty {
            problems.append("unknown column \(unknown.joined(separator: ", ")) (the columns are \(Self.names.joined(separator: ",")))")
        }
        for name in Self.names where names.filter({ $0 == name }).count > 1 { problems.append("column \(name) appears twice") }
        guard let email = names.firstIndex(of: "email") else {
            throw RowProblems(problems + ["no email column (the header is \(Self.names.joined(separator: ",")))"])
        }
        if !names.contains("products") && !names.contains("courses") {
            problems.append("neither a products nor a courses column")
        }
        guard problems.isEmpty else { throw RowProblems(problems) }
        count = names.count
        self.email = email
        name = names.firstIndex(of: "name")
        products = names.firstIndex(of: "products")
        courses = names.firstIndex(of: "courses")
        expiresAt = names.firstIndex(of: "expires_at")
    }
}
