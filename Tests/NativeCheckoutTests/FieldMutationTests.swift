import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

/// Every field of every recorded event, replaced by a value of another type or removed,
/// gives facts, `ignored` or `malformed`: never a crash, never another kind of refusal.
@Suite struct FieldMutations {
    /// `null`, and one value of each other kind a field may wrongly hold.
    static let replacements: [StripeJSON] = [nil, "x", 1, .object([])]

    /// The value with one node (this one, or one anywhere below it) replaced by `replacement`
    /// or, for object fields, removed; one variant per node.
    static func variants(of value: StripeJSON, replacing replacement: StripeJSON?) -> [StripeJSON] {
        var out: [StripeJSON] = replacement.map { [$0] } ?? []
        switch value {
        case .array(let items):
            for index in items.indices {
                for variant in variants(of: items[index], replacing: replacement ?? .null) {
                    var copy = items
                    copy[index] = variant
                    out.append(.array(copy))
                }
            }
        case .object(let fields):
            for index in fields.indices {
                if replacement == nil {
                    var copy = fields
                    copy.remove(at: index)
                    out.append(.object(copy))
                }
                for variant in variants(of: fields[index].value, replacing: replacement) {
                    var copy = fields
                    copy[index].value = variant
                    out.append(.object(copy))
                }
            }
        default:
            break
        }
        return out
    }

    @Test(arguments: NativeCheckoutScenario.deliveries.map(\.name))
    func anyFieldReplacedOrRemovedGivesFactsIgnoredOrMalformed(name: String) throws {
        let adapter = try NativeCheckoutTesting.adapter()
        let event = try NativeCheckoutTesting.delivery(name)
        var checked = 0
        for replacement in Self.replacements + [nil] {
            for variant in Self.variants(of: event, replacing: replacement) {
                checked += 1
                do throws(AdapterError) {
                    _ = try adapter.verify(NativeCheckoutRequest.make(variant))
                } catch {
                    #expect(error.kind == .malformed, "\(name) mutated: \(error)")
                }
            }
        }
        #expect(checked > 50, "every field was tried")
    }
}
