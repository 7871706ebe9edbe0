/// What the command line asked for: how long each run lasts and which worker counts to run.
struct BenchOptions {
    /// How long each run sends for.
    var seconds: Double = 5
    /// The worker counts to run, each in both handle modes.
    var workers: [Int] = [1, 4]

    static let usage = "usage: delivery-bench [--seconds S] [--workers N,N,...]   (defaults: --seconds 5 --workers 1,4)"

    /// Reads `arguments` (without the program name); throws ``BenchOptionsError`` for anything else.
    init(arguments: [String]) throws(BenchOptionsError) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchOptionsError("\(flag) needs a value") }
            switch flag {
            case "--seconds":
                guard let seconds = Double(value), seconds > 0 else { throw BenchOptionsError("--seconds takes a positive number") }
                self.seconds = seconds
            case "--workers":
                let counts = value.split(separator: ",").compactMap { Int($0) }
                guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }), counts.count == value.split(separator: ",").count else {
                    throw BenchOptionsError("--workers takes positive counts separated by commas, for example 1,4")
                }
                workers = counts
            default:
                throw BenchOptionsError("unknown argument \(flag)")
            }
        }
    }
}

/// A command line the benchmark cannot run with.
struct BenchOptionsError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
