import AccessKernel
import Crypto
import Foundation

/// One row of an import file, checked against the mapping: who, and what they are given.
///
/// Its facts are keyed by a hash of the normalised row (email, sorted grants, expiry), so
/// importing the same row again is a duplicate the store recognises.
struct CSVImportRow: Sendable {
    var line: Int
    var email: String
    var name: String?
    /// Sorted by ``CSVImportRow/describe(_:)``, so the same row gives the same keys.
    var grants: [GrantTarget]
    var expiresAt: Date?

    /// What the row says once normalised; equal rows are the same import.
    var content: String {
        let expiry = expiresAt.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? ""
        return ([email] + grants.map(Self.describe) + [expiry]).joined(separator: "|")
    }

    /// The content and the name: two rows of one email that differ here conflict.
    var fullContent: String { content + "|" + (name ?? "") }

    /// The admin grants the row stands for, keyed `import:SHA256:N`.
    func facts(actor: String, now: Date) -> [Fact] {
        let digest = Self.hex(SHA256.hash(data: Data(content.utf8)))
        return grants.enumerated().map { index, target in
            Fact(key: FactKey("import:\(digest):\(index)"), instance: .admin, occurredAt: now,
                 customer: CustomerRef(email: email, name: name),
                 event: .admin(AdminAction(actor: actor, action: .grant(target, until: expiresAt), note: "CSV import")))
        }
    }

    /// Lower-case hex, without a `String(format:)` per byte (100,000 rows hash 100,000 times).
    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `course:ID` or `item:INSTANCE:KIND:ID[:OPTION]`.
    static func describe(_ target: GrantTarget) -> String {
        switch target {
        case .course(let id): "course:\(id)"
        case .item(let instance, let key):
            "item:\(instance):\(key.kind.rawValue):\(key.productID)" + (key.pricingOption.map { ":\($0)" } ?? "")
        }
    }
}
