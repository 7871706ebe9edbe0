import AccessKernel
import AdapterKit

/// Reads `cart.cart_items[].product` into order items: mapping keys and amounts.
///
/// # Products and bundles
/// SendOwl sells bundles as "packages", and a package arrives as a cart item whose
/// `product.id` is the package's id (packages and products are numbered apart, so the
/// same number may be both). An item is a ``AccessKernel/ItemKind/bundle`` when
/// `product.product_type` says so (`package` or `bundle`, any case), or when its id is
/// one of the instance's package ids (``SendOwlAdapter/init(instance:packageIDs:)``,
/// for accounts whose payloads do not mark packages); every other item is a
/// ``AccessKernel/ItemKind/product``.
///
/// # Amounts
/// `product.price`, else `product.recurring_price` (subscriptions), else — for a cart of
/// one item — the order's `settled_gross`, times `quantity`. A price that does not read as
/// money counts as 0 for that item rather than refusing the whole order: access does not
/// depend on it, and refunds are compared with the order's gross.
enum CartItemReader {
    static func items(of order: SendOwlOrder, currency: String, packageIDs: Set<String>,
                      subscriptionID: String?) throws(AdapterError) -> [OrderItem] {
        let cart = try order.cartItems()
        var items: [OrderItem] = []
        for (index, cartItem) in cart.enumerated() {
            let product = cartItem["product"] ?? .null
            guard let id = product["id"]?.text else {
                throw AdapterError(.malformed, "cart.cart_items[\(index)].product.id is missing; an item needs its product id")
            }
            let key = ItemKey(isPackage(product, id: id, packageIDs: packageIDs) ? .bundle : .product, id)
            var price = (product["price"]?.text ?? product["recurring_price"]?.text)
                .flatMap { MoneyText.minorUnits($0, currency: currency) }
            if price == nil, cart.count == 1 { price = order.settledGross(currency: currency) }
            let quantity = cartItem["quantity"]?.text.flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 1
            let (amount, overflow) = max(0, price ?? 0).multipliedReportingOverflow(by: quantity)
            items.append(OrderItem(key: key, amount: overflow ? 0 : amount, currency: currency,
                                   subscriptionID: subscriptionID))
        }
        return items
    }

    private static func isPackage(_ product: JSONValue, id: String, packageIDs: Set<String>) -> Bool {
        if let type = product["product_type"]?.text?.lowercased(), type == "package" || type == "bundle" { return true }
        return packageIDs.contains(id)
    }
}
