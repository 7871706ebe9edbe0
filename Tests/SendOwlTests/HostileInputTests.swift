import AccessKernel
import AdapterKit
import Foundation
import Mocks
import SendOwl
import Testing

@Suite struct SendOwlHostileInput {
    typealias S = SendOwlScenario

    @Test func everySignedCutOfEveryRecordedBodyIsMalformed() throws {
        let adapter = try SendOwlTesting.adapter()
        for (name, payload) in S.deliveries {
            let body = payload.encoded
            for cut in 0..<body.count {
                do throws(AdapterError) {
                    let verdict = try adapter.verify(SendOwlRequest.make(body: Array(body[..<cut])))
                    Issue.record("\(name) cut at \(cut) decoded to \(verdict)")
                } catch {
                    #expect(error.kind == .malformed, "\(name) cut at \(cut): \(error)")
                }
            }
        }
    }

    @Test(arguments: [
        ("[]", "JSON body is not an object"),
        ("\"order\"", "body is not valid JSON"),
        ("{}", "order is missing; SendOwl sends {\"order\": {…}}"),
        ("{\"order\": []}", "order is missing; SendOwl sends {\"order\": {…}}"),
        ("{\"order\": null}", "order is missing; SendOwl sends {\"order\": {…}}"),
        ("{\"order\": {\"state\": \"complete\"}}", "id is missing; every SendOwl order has its id"),
        ("{\"order\": {\"id\": \"1\", \"state\": \"complete\"}} ", "buyer_email is missing; a purchase must say who bought"),
        ("{\"order\": {\"id\": \"1\" \"state\": \"complete\"}}", "body is not valid JSON"),
    ])
    func signedBodiesThatAreNotOrdersAreMalformed(body: String, message: String) throws {
        let error = try #require(try SendOwlTesting.refusal(SendOwlRequest.make(body: Array(body.utf8))))
        #expect(error == AdapterError(.malformed, message))
    }

    @Test func deepNestingIsRefusedBeforeDecoding() throws {
        let body = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(try SendOwlTesting.refusal(SendOwlRequest.make(body: body))?.kind == .malformed)
    }

    @Test func bodiesOverOneMebibyteAreMalformed() throws {
        let body = [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
        #expect(try SendOwlTesting.refusal(SendOwlRequest.make(body: body))
                == AdapterError(.malformed, "body of 1048577 bytes is larger than 1048576 bytes"))
    }

    @Test func fieldsOfUnexpectedTypesReadAsAbsentRatherThanCrash() throws {
        let payload = SendOwlPayload.body(S.courseOrder)
            .withOrderField("buyer_name", .array([]))
            .withOrderField("gateway", .bool(true))
            .withOrderField("next_payment_date", .integer(5))
            .withOrderField("settled_currency", .object([]))
            .withOrderField("for_subscription", .string("nope"))
        let fact = try #require(try SendOwlTesting.facts(payload).first)
        #expect(fact.customer.name == "Zoë")
        #expect(fact.mode == .live)
    }
}

@Suite struct SendOwlMissingFields {
    /// Every order field of every recorded delivery, removed or set to `null`, a number,
    /// a list or text: the answer is facts, `ignored` or `malformed`, never a crash.
    @Test func anyOrderFieldRemovedOrRetypedIsAnsweredWithoutCrashing() throws {
        let adapter = try SendOwlTesting.adapter()
        let replacements: [SendOwlJSON?] = [nil, .null, .integer(-1), .array([]), "x", .bool(true)]
        for (name, payload) in SendOwlScenario.deliveries {
            guard case .object(let members)? = payload["order"] else { continue }
            for member in members {
                for replacement in replacements {
                    let request = SendOwlRequest.make(payload.withOrderField(member.name, replacement))
                    do throws(AdapterError) {
                        _ = try adapter.verify(request)
                    } catch {
                        #expect(error.kind == .malformed, "\(name) with \(member.name) = \(String(describing: replacement)): \(error)")
                    }
                }
            }
        }
    }
}
