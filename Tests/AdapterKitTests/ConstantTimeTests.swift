import AdapterKit
import Testing

@Suite struct ConstantTimeComparison {
    @Test(arguments: [("secret", "secret", true), ("secret", "secreT", false), ("secret", "secre", false),
                      ("secre", "secret", false), ("", "", true), ("", "x", false), ("Zoë", "Zoë", true),
                      ("Zoë", "Zoe", false)])
    func stringsAreEqualOnlyWhenEveryByteIs(a: String, b: String, equal: Bool) {
        #expect(ConstantTime.equals(a, b) == equal)
    }

    @Test func bytesOfAnyCollectionCompare() {
        let bytes: [UInt8] = [1, 2, 3, 4]
        #expect(ConstantTime.equals(bytes[1...], [2, 3, 4]))
        #expect(!ConstantTime.equals(bytes[1...], [2, 3]))
        #expect(!ConstantTime.equals([UInt8](), [0]))
    }

    @Test func lengthsDifferingByAMultipleOf256AreStillDifferent() {
        // The length difference is folded into a byte; the final length check must hold.
        #expect(!ConstantTime.equals([UInt8](repeating: 0, count: 256), [UInt8]()))
        #expect(!ConstantTime.equals([UInt8](repeating: 0, count: 300), [UInt8](repeating: 0, count: 44)))
    }
}
