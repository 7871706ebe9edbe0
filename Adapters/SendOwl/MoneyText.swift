/// Amounts as SendOwl writes them, in minor units (cents).
///
/// SendOwl's money strings are inconsistent: `"£18.00"`, `"15.00"`, `"$1,234.50"`, `"18"`,
/// `"-3.00"` for a refund, and plain JSON numbers (`17`, `15.5`) in some places. Any
/// currency symbol or code and spaces are ignored; `,` is a thousands separator unless it
/// is the only separator and two digits follow it (`"12,50"`, as a European price is
/// written). Currencies without minor unit (JPY, KRW…) are not multiplied by 100.
public enum MoneyText {
    /// The amount `text` names in the minor unit of `currency`, or `nil` when it names
    /// none (no digits, stray characters between digits, or too large for 64 bits).
    public static func minorUnits(_ text: String, currency: String? = nil) -> Int64? {
        var negative = false
        var digits: [UInt8] = []
        var separators: [(byte: UInt8, position: Int)] = []
        var sawDigit = false
        var endedNumber = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard !endedNumber else { return nil }
                digits.append(byte - UInt8(ascii: "0"))
                sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard sawDigit, !endedNumber else { return nil }
                separators.append((byte, digits.count))
            case UInt8(ascii: "-"):
                guard !sawDigit, !negative else { return nil }
                negative = true
            case UInt8(ascii: " "), 0xC2, 0xA0:
                // Spaces (also the UTF-8 no-break space) may sit between symbol and digits.
                if sawDigit { endedNumber = true }
            default:
                // Symbols and codes (`£`, `US$`, `EUR`) before or after the number.
                if sawDigit { endedNumber = true }
            }
        }
        guard !digits.isEmpty else { return nil }
        let fractionDigits = fractionLength(separators, digitCount: digits.count)
        guard let fractionDigits else { return nil }
        let exponent = Self.exponent(of: currency)
        // Whole units and the fraction cut or padded to the currency's exponent, then
        // rounded half up on the first digit left out.
        let kept = digits.count - fractionDigits + exponent
        var value: Int64 = 0
        for index in 0..<max(0, kept) {
            guard let next = value.times10plus(index < digits.count ? Int64(digits[index]) : 0) else { return nil }
            value = next
        }
        if kept >= 0, kept < digits.count, digits[kept] >= 5 {
            let (rounded, overflow) = value.addingReportingOverflow(1)
            guard !overflow else { return nil }
            value = rounded
        }
        return negative ? -value : value
    }

    /// How many of the digits are the fraction, from where the separators sit; `nil`
    /// when the separators make no sense (`1.2.3,4`: thousands come in groups of three).
    private static func fractionLength(_ separators: [(byte: UInt8, position: Int)], digitCount: Int) -> Int? {
        guard let last = separators.last else { return 0 }
        let kinds = Set(separators.map(\.byte))
        var thousands = separators.map(\.position)
        var decimalMark: Int?
        if kinds.count == 2 {
            // Both kinds: the last one is the decimal mark and appears once.
            guard separators.filter({ $0.byte == last.byte }).count == 1 else { return nil }
            decimalMark = thousands.removeLast()
        } else if separators.count == 1, last.byte == UInt8(ascii: ".") || digitCount - last.position == 2 {
            // A lone point, or a lone comma followed by two digits (`12,50`): decimal.
            decimalMark = thousands.removeLast()
        }
        let wholeEnd = decimalMark ?? digitCount
        for (index, position) in thousands.enumerated() {
            let next = index + 1 < thousands.count ? thousands[index + 1] : wholeEnd
            guard next - position == 3, index > 0 || position <= 3 else { return nil }
        }
        return digitCount - wholeEnd
    }

    /// Digits after the decimal mark in the currency's minor unit (ISO 4217).
    static func exponent(of currency: String?) -> Int {
        let zeroDecimal: Set<String> = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                                        "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]
        return currency.map { zeroDecimal.contains($0.uppercased()) } == true ? 0 : 2
    }
}

private extension Int64 {
    /// `self * 10 + digit`, or `nil` on overflow.
    func times10plus(_ digit: Int64) -> Int64? {
        let (times, overflow) = multipliedReportingOverflow(by: 10)
        guard !overflow else { return nil }
        let (sum, overflowAgain) = times.addingReportingOverflow(digit)
        return overflowAgain ? nil : sum
    }
}
