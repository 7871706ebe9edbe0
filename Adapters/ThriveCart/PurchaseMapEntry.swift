import AccessKernel
import AdapterKit

/// One `purchase_map` entry: `product-12`, `bump-12` (a bump carries the id of the
/// product it is attached to), `upsell-2`, `downsell-5`.
struct PurchaseMapEntry: Hashable {
    var kind: ItemKind
    var id: String

    /// The entry a text names, or a `malformed` error quoting it.
    init(_ text: String) throws(AdapterError) {
        guard let dash = text.lastIndex(of: "-") else {
            throw AdapterError(.malformed, "purchase_map entry \"\(text.prefix(40))\" is not KIND-ID")
        }
        let name = String(text[..<dash])
        let id = String(text[text.index(after: dash)...])
        guard let kind = ItemKind(rawValue: name), kind != .bundle else {
            throw AdapterError(.malformed,
                               "purchase_map entry \"\(text.prefix(40))\" has an item kind other than product, bump, upsell or downsell")
        }
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw AdapterError(.malformed, "purchase_map entry \"\(text.prefix(40))\" has no item id")
        }
        self.kind = kind
        self.id = id
    }

    /// The entry as ThriveCart writes it, the key of `subscription_ids` and `transactions`.
    var text: String { "\(kind.rawValue)-\(id)" }
}
