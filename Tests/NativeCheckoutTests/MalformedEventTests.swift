import AccessKernel
import AdapterKit
import Foundation
import Mocks
import NativeCheckout
import Testing

@Suite struct MalformedEvents {
    typealias S = NativeCheckoutScenario

    static func refusal(_ mutate: (inout StripeJSON) -> Void, of name: String = "checkout.session.completed") throws -> AdapterError? {
        var event = try NativeCheckoutTesting.delivery(name)
        mutate(&event)
        return try NativeCheckoutTesting.refusal(event)
    }

    @Test func paidSessionWithNeitherLineItemsNorMetadataIsMalformedNamingBoth() throws {
        let error = try Self.refusal({ $0[path: ["data", "object", "line_items"]] = nil })
        #expect(error?.kind == .malformed)
        #expect(error?.message.hasPrefix("data.object.line_items and data.object.metadata.product are both missing") == true,
                "\(String(describing: error))")
    }

    @Test func lineItemsCutShortByStripeAreMalformedNotReadInPart() throws {
        let error = try Self.refusal({ $0[path: ["data", "object", "line_items", "has_more"]] = true })
        #expect(error == AdapterError(.malformed, "data.object.line_items.has_more is true; the event lists only part of the order"))
    }

    @Test(arguments: [
        (["id"], "id is missing"),
        (["type"], "type is missing"),
        (["created"], "created is missing"),
        (["data"], "data is missing"),
        (["data", "object"], "data.object is missing"),
        (["object"], "object is missing"),
        (["data", "object", "id"], "data.object.id is missing"),
        (["data", "object", "payment_status"], "data.object.payment_status is missing"),
        (["data", "object", "customer_details"], "data.object.customer_details.email is missing"),
        (["data", "object", "line_items", "data"], "data.object.line_items.data is empty"),
    ])
    func missingFieldIsMalformedNamingIt(path: [String], message: String) throws {
        let error = try #require(try Self.refusal({ $0[path: path] = nil }))
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix(message), "message: \(error.message)")
    }

    @Test func lineItemWithoutPriceIsMalformedNamingIt() throws {
        var event = try NativeCheckoutTesting.delivery("checkout.session.completed")
        guard case .array(var lines)? = event[path: ["data", "object", "line_items", "data"]] else {
            Issue.record("no line items")
            return
        }
        lines[1]["price"] = nil
        event[path: ["data", "object", "line_items", "data"]] = .array(lines)
        #expect(try NativeCheckoutTesting.refusal(event)?.message.hasPrefix("data.object.line_items.data[1].price is missing") == true)
    }

    @Test func subscriptionSessionWithoutSubscriptionIsMalformed() throws {
        let error = try Self.refusal({ $0[path: ["data", "object", "subscription"]] = nil }, of: "checkout.session.completed.subscription")
        #expect(error?.message.hasPrefix("data.object.subscription is missing") == true)
    }

    @Test func wrongTypesAreMalformedNotTakenAsAbsent() throws {
        #expect(try Self.refusal({ $0["livemode"] = "false" }) == AdapterError(.malformed, "livemode is a string, not a boolean"))
        #expect(try Self.refusal({ $0["created"] = "1717400000" }) == AdapterError(.malformed, "created is a string, not an integer"))
        #expect(try Self.refusal({ $0[path: ["data", "object"]] = .array([]) }) == AdapterError(.malformed, "data.object is a list, not an object"))
    }

    @Test func booleansAndNumbersAreNeverTakenForEachOther() throws {
        #expect(try Self.refusal({ $0["livemode"] = 1 }) == AdapterError(.malformed, "livemode is an integer, not a boolean"))
        #expect(try Self.refusal({ $0["livemode"] = 0 }) == AdapterError(.malformed, "livemode is an integer, not a boolean"))
        #expect(try Self.refusal({ $0["created"] = true }) == AdapterError(.malformed, "created is a boolean, not an integer"))
        let fractional = Array(StripeJSONWriter.encode(try NativeCheckoutTesting.delivery("charge.refunded.partial")))
        let text = String(decoding: fractional, as: UTF8.self).replacingOccurrences(of: "\"amount_refunded\": 2900", with: "\"amount_refunded\": 2900.5")
        #expect(try NativeCheckoutTesting.refusal(NativeCheckoutRequest.make(body: Array(text.utf8)))
            == AdapterError(.malformed, "data.object.amount_refunded is a number, not an integer"))
    }

    @Test func somethingOtherThanAnEventIsMalformed() throws {
        let error = try Self.refusal({ $0["object"] = "checkout.session" })
        #expect(error == AdapterError(.malformed, "object is \"checkout.session\", not \"event\""))
    }

    @Test func eventCarryingAnotherKindOfObjectIsMalformed() throws {
        var event = try NativeCheckoutTesting.delivery("invoice.paid")
        event["type"] = "charge.refunded"
        #expect(try NativeCheckoutTesting.refusal(event) == AdapterError(.malformed, "data.object.object is \"invoice\", not \"charge\""))
    }

    @Test(arguments: ["", " \n", "[]", "null", "{", "{\"id\": 1", "\u{FEFF}{}"])
    func bodiesThatAreNotAnEventObjectAreMalformed(text: String) throws {
        let request = NativeCheckoutRequest.make(body: Array(text.utf8))
        #expect(try NativeCheckoutTesting.refusal(request)?.kind == .malformed, "\(text.debugDescription)")
    }

    @Test func everyCutOfEveryRecordedBodyIsRefusedWithoutCrashing() throws {
        let adapter = try NativeCheckoutTesting.adapter()
        for (name, event) in S.deliveries {
            let body = StripeJSONWriter.encode(event)
            for cut in stride(from: 0, to: body.count, by: 7) {
                let request = NativeCheckoutRequest.make(body: Array(body[..<cut]))
                do throws(AdapterError) {
                    let verdict = try adapter.verify(request)
                    Issue.record("\(name) cut at \(cut) decoded to \(verdict)")
                } catch {
                    #expect(error.kind == .malformed, "\(name) cut at \(cut): \(error)")
                }
            }
        }
    }

    @Test func wrongContentTypeIsUnsupported() throws {
        var request = NativeCheckoutRequest.make(try NativeCheckoutTesting.delivery("checkout.session.completed"))
        request.headers = request.headers.map { $0.name == "Content-Type" ? ($0.name, "application/x-www-form-urlencoded") : $0 }
        #expect(try NativeCheckoutTesting.refusal(request)?.kind == .unsupportedMediaType)
    }

    @Test func bodiesOverOneMebibyteAreMalformedBeforeAnyHashing() throws {
        let body = [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
        let request = NativeCheckoutRequest.make(body: body, signatureHeader: nil)
        #expect(try NativeCheckoutTesting.refusal(request)?.kind == .malformed)
    }
}
