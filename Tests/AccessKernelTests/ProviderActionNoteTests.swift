import AccessKernel
import Foundation
import Testing

/// A payment action support staff took through the provider's API is noted as an admin fact
/// for the timeline; access follows the provider's own facts, never the note.
@Suite("Provider action notes")
struct ProviderActionNoteTests {
    static let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
    static let buy = Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1")], at: day(0))
    static let refundNote = Fact.admin("note", .providerAction(name: "refund", reference: "re_1",
                                                               summary: "refunded order o1 in full"), at: day(1))

    @Test("a refund note changes nothing: the course stays open until the refund itself arrives")
    func noteChangesNothing() {
        let without = derive([Self.buy], mapping: Self.mapping, now: day(2))
        let with = derive([Self.buy, Self.refundNote], mapping: Self.mapping, now: day(2))

        #expect(with == without)
        #expect(with["guitar"]?.status == .active(until: nil))
    }

    @Test("the refund fact decides, with or without the note beside it")
    func refundDecides() {
        let refund = Fact.refund("refund", order: "o1", amount: 10_000, at: day(1))

        #expect(derive([Self.buy, Self.refundNote, refund], mapping: Self.mapping, now: day(2))
                == derive([Self.buy, refund], mapping: Self.mapping, now: day(2)))
    }

    @Test("a note alone opens no course")
    func noteAlone() {
        #expect(derive([Self.refundNote], mapping: Self.mapping, now: day(2)).isEmpty)
    }

    @Test("an admin's cancel decides even when the provider's echo of it is stamped a moment before")
    func adminCancelBeatsEarlierEcho() {
        let mapping = Shop.mapping([Shop.route(.product, "p1", to: ["guitar"])])
        let buy = Fact.purchase("purchase", order: "o1", items: [.of(.product, "p1", subscription: "sub_1")], at: day(0))
        let echo = Fact.subscription("echo", "sub_1", .cancelled(Cancellation(effective: .now, initiator: .provider)),
                                     at: day(5).addingTimeInterval(-1))
        let admin = Fact.subscription("admin", "sub_1", .cancelled(Cancellation(effective: .now, initiator: .admin)), at: day(5))

        #expect(derive([buy, echo, admin], mapping: mapping, now: day(6))["guitar"]?.status == .active(until: nil),
                "on_admin_cancel: keep, not the provider's on_cancel")
        #expect(derive([buy, echo], mapping: mapping, now: day(6))["guitar"]?.status == .expired(at: day(5).addingTimeInterval(-1)))
    }

    @Test("a note round-trips through the stored JSON form and names its kind")
    func coding() throws {
        let data = try Fact.makeEncoder().encode(Self.refundNote)

        #expect(try Fact.makeDecoder().decode(Fact.self, from: data) == Self.refundNote)
        #expect(Self.refundNote.event.kindName == "admin.provider_action")
    }
}
