import AdapterKit
import Testing

@Suite struct HexText {
    @Test func encodesLowerCase() {
        #expect(Hex.encode([0x00, 0x0F, 0xA5, 0xFF]) == "000fa5ff")
        #expect(Hex.encode([]) == "")
    }

    @Test func decodesEitherCaseAndRoundTrips() {
        #expect(Hex.decode("000fA5Ff") == [0x00, 0x0F, 0xA5, 0xFF])
        let bytes = (0...255).map { UInt8($0) }
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
    }

    @Test(arguments: ["abc", "zz", "0g", " 00", "éé"])
    func refusesOddLengthsAndNonHexDigits(text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
