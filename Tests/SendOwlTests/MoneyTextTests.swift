import SendOwl
import Testing

@Suite struct SendOwlMoneyText {
    @Test(arguments: [
        ("£18.00", nil, 1_800),
        ("15.00", nil, 1_500),
        ("$1,234.50", nil, 123_450),
        ("18", nil, 1_800),
        ("$25", nil, 2_500),
        ("0.00", nil, 0),
        ("-3.00", nil, -300),
        ("-£18.00", nil, -1_800),
        ("£-18.00", nil, -1_800),
        ("€12,50", "EUR", 1_250),
        ("1.234,56 €", "EUR", 123_456),
        ("1,234", nil, 123_400),
        ("1,234,567.89", nil, 123_456_789),
        ("US$ 9.99", "USD", 999),
        ("  7.5 ", nil, 750),
        ("18.005", nil, 1_801),
        ("18.004", nil, 1_800),
        ("¥1500", "JPY", 1_500),
        ("1,500", "JPY", 1_500),
        ("20.0", nil, 2_000),
    ] as [(String, String?, Int64)])
    func moneyStringsReadAsMinorUnits(text: String, currency: String?, expected: Int64) {
        #expect(MoneyText.minorUnits(text, currency: currency) == expected, "\(text)")
    }

    @Test(arguments: ["", "£", "free", "1.2.3,4", "1,2,3.4.5", "12 34", "99999999999999999999", "--5", "5-"])
    func textThatNamesNoAmountReadsAsNone(text: String) {
        #expect(MoneyText.minorUnits(text) == nil, "\(text)")
    }
}
