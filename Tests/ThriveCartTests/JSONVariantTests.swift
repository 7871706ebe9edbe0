import AdapterKit
import Testing
@testable import ThriveCart

@Suite struct JSONVariant {
    private func parse(_ text: String) throws -> FormTable { try JSONForm.parse(Array(text.utf8)) }

    private func refusal(_ body: [UInt8]) -> AdapterError? {
        do throws(AdapterError) {
            _ = try JSONForm.parse(body)
            return nil
        } catch {
            return error
        }
    }

    @Test func jsonReadsIntoTheSameTreeAsTheFormVariant() throws {
        let json = try parse(#"{"customer":{"email":"a@b.c"},"purchase_map":["product-12","bump-12"],"order":{"charges":[{"amount":2700}]}}"#)
        let form = try URLEncodedForm.parse(Array("customer[email]=a%40b.c&purchase_map[0]=product-12&purchase_map[1]=bump-12&order[charges][0][amount]=2700".utf8))
        #expect(json == form)
    }

    @Test func numbersAndBooleansBecomeTheTextPHPWouldSendAndNullIsAbsent() throws {
        let json = try parse(#"{"a":2700,"b":27.5,"c":true,"d":false,"e":null,"f":"x"}"#)
        #expect(json.text(at: ["a"]) == "2700")
        #expect(json.text(at: ["b"]) == "27.5")
        #expect(json.text(at: ["c"]) == "1")
        #expect(json.text(at: ["d"]) == "0")
        #expect(json.value(at: ["e"]) == nil)
        #expect(json.keys == ["a", "b", "c", "d", "f"])
    }

    @Test func objectsWithNumericKeysAreListsInNumericOrder() throws {
        let json = try parse(#"{"m":{"10":"c","2":"b","0":"a"}}"#)
        #expect(json.value(at: ["m"])?.table?.elements.compactMap(\.text) == ["a", "b", "c"])
    }

    @Test func escapedUnicodeAndSlashesAreDecoded() throws {
        #expect(try parse(#"{"n":"Zo\u00eb","u":"https:\/\/x"}"#).text(at: ["n"]) == "Zoë")
        #expect(try parse(#"{"u":"https:\/\/x"}"#).text(at: ["u"]) == "https://x")
    }

    @Test(arguments: [#"["event"]"#, #""text""#, "42", "{", #"{"a":}"#, "", #"{"a":1}{"b":2}"#])
    func anythingButOneJSONObjectIsMalformed(text: String) {
        #expect(refusal(Array(text.utf8))?.kind == .malformed)
    }

    @Test func utf16AndNULAreMalformedEvenWhereFoundationWouldGuessTheEncoding() {
        let utf16 = Array(#"{"event":"order.success"}"#.utf16).flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] }
        #expect(refusal(utf16)?.kind == .malformed)
        #expect(refusal([0xFF, 0xFE] + utf16)?.kind == .malformed)
        #expect(refusal(Array(#"{"a":"b"}"#.utf8) + [0])?.kind == .malformed)
    }

    @Test func nestingDeeperThanThirtyTwoIsMalformedWithoutRecursing() {
        #expect(refusal(Array((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8))?.kind == .malformed)
        #expect(refusal(Array((String(repeating: #"{"a":"#, count: 33) + "1" + String(repeating: "}", count: 33)).utf8))?.kind == .malformed)
    }

    @Test func bracketsInsideStringsDoNotCountAsNesting() throws {
        #expect(try parse(#"{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"}"#).keys == ["a"])
    }
}

extension JSONVariant {
    @Test func moreThanTenThousandValuesIsMalformed() {
        let members = (0...URLEncodedForm.maximumFields).map { "\"k\($0)\":1" }.joined(separator: ",")
        #expect(refusal(Array(("{" + members + "}").utf8))?.message.contains("more than") == true)
        let nested = (0..<200).map { "\"k\($0)\":[" + Array(repeating: "1", count: 60).joined(separator: ",") + "]" }.joined(separator: ",")
        #expect(refusal(Array(("{" + nested + "}").utf8))?.message.contains("more than") == true)
    }
}
