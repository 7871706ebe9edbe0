import AdapterKit

/// One page of a Stripe list (`{"object": "list", "data": […], "has_more": …}`).
///
/// The next page starts after the last element's id (`starting_after=evt_…`).
struct StripeList {
    let data: [StripeObject]
    let hasMore: Bool

    init(_ list: StripeObject) throws(AdapterError) {
        try list.expect(kind: "list")
        data = try list.objects("data")
        hasMore = try list.bool("has_more") ?? false
    }

    /// The cursor for the next page: the last element's id, when there is a next page.
    func nextCursor() throws(AdapterError) -> String? {
        guard hasMore else { return nil }
        guard let last = data.last else {
            throw AdapterError(.malformed, "has_more is true on an empty page")
        }
        return try last.requiredString("id", because: "the next page starts after the last element")
    }
}
