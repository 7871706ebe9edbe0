import Foundation

/// Writes CSV as RFC 4180 reads it (CRLF line ends, quotes where needed), with every cell a
/// spreadsheet would run as a formula neutralised.
public enum CSVWriter {
    /// One line of cells, ending in CRLF.
    public static func line(_ cells: [String]) -> String {
        cells.map { field(neutralised($0)) }.joined(separator: ",") + "\r\n"
    }

    /// `cell` with a leading `'` when it starts with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return, so Excel, LibreOffice and Google Sheets show it as text instead of running it
    /// (OWASP's advice on CSV injection).
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, formulaStarts.contains(first) else { return cell }
        return "'" + cell
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell quoted when it holds a comma, a quote or a line break.
    static func field(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
