/// A source of numbers in `0..<1` for the jitter; injectable so tests can pin it.
public struct JitterSource: Sendable {
    /// A number in `0..<1`.
    public let unit: @Sendable () -> Double

    /// A source answering with `unit()`.
    public init(unit: @escaping @Sendable () -> Double) { self.unit = unit }

    /// The system's random numbers.
    public static let system = JitterSource { Double.random(in: 0..<1) }

    /// Always `value`: 0 for the shortest wait, just under 1 for the longest, 0.5 for none.
    public static func fixed(_ value: Double) -> JitterSource { JitterSource { value } }
}
