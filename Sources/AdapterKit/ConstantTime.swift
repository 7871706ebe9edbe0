/// Comparison whose time does not depend on where two secrets first differ.
public enum ConstantTime {
    /// Whether `a` and `b` are equal, looking at every byte of the longer one.
    public static func equals<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        var left = a.makeIterator()
        var right = b.makeIterator()
        for _ in 0..<max(a.count, b.count) {
            difference |= (left.next() ?? 0) ^ (right.next() ?? 0)
        }
        return difference == 0 && a.count == b.count
    }

    /// Whether two strings are equal, byte for byte in UTF-8, in constant time.
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
