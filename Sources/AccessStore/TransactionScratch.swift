import AccessKernel
import Foundation
import GRDB

/// What one write transaction keeps at hand: JSON coders made once rather than per fact,
/// and the facts it already holds in memory, so recomputing a customer does not decode
/// again what was just encoded.
final class TransactionScratch {
    let encoder = Fact.makeEncoder()
    let decoder = Fact.makeDecoder()
    /// Facts by stored sequence number, as recorded or read in this transaction.
    var facts: [Int64: Fact] = [:]

    func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The fact stored as `sequence` with `body`, decoded at most once per transaction.
    func fact(_ sequence: Int64, body: String) throws -> Fact {
        if let known = facts[sequence] { return known }
        do {
            let fact = try decoder.decode(Fact.self, from: Data(body.utf8))
            facts[sequence] = fact
            return fact
        } catch {
            throw StoreError.corruptFact(sequence: sequence, underlying: "\(error)")
        }
    }
}

extension Database {
    /// Runs one statement through the connection's statement cache: parsed once per
    /// connection instead of once per call.
    func run(_ sql: String, _ arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The first column of the first row, through the statement cache.
    func value<T: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: T.Type, _ sql: String, _ arguments: StatementArguments = []
    ) throws -> T? {
        try T.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first column of every row, through the statement cache.
    func values<T: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: T.Type, _ sql: String, _ arguments: StatementArguments = []
    ) throws -> [T] {
        try T.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every row, through the statement cache.
    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }
}
