import AdapterKit
import Testing
@testable import ThriveCart

@Suite struct FormParser {
    private func parse(_ body: String) throws -> FormTable { try URLEncodedForm.parse(Array(body.utf8)) }

    private func malformed(_ body: [UInt8]) -> AdapterError? {
        do throws(AdapterError) {
            _ = try URLEncodedForm.parse(body)
            return nil
        } catch {
            return error
        }
    }

    @Test func bracketKeysBuildNestedTables() throws {
        let form = try parse("customer[email]=a%40b.c&order[charges][0][amount]=2700&order[charges][1][amount]=300")
        #expect(form.text(at: ["customer", "email"]) == "a@b.c")
        #expect(form.text(at: ["order", "charges", "0", "amount"]) == "2700")
        #expect(form.value(at: ["order", "charges"])?.table?.elements.compactMap { $0.table?.text(at: ["amount"]) } == ["2700", "300"])
    }

    @Test func percentEncodedBracketsReadLikeLiteralOnes() throws {
        #expect(try parse("customer%5Bemail%5D=x%40y.z") == parse("customer[email]=x@y.z"))
    }

    @Test func emptyBracketsAppendAndListsKeepNumericOrder() throws {
        let appended = try parse("purchase_map[]=product-12&purchase_map[]=bump-12&purchase_map[]=upsell-2")
        #expect(appended.value(at: ["purchase_map"])?.table?.elements.compactMap(\.text) == ["product-12", "bump-12", "upsell-2"])
        let indexed = try parse("m[10]=c&m[2]=b&m[]=d&m[0]=a")
        #expect(indexed.value(at: ["m"])?.table?.elements.compactMap(\.text) == ["a", "b", "c", "d"])
    }

    @Test func plusIsASpaceAndAnEscapedPlusIsAPlus() throws {
        #expect(try parse("name=Ana+Ribeiro&tag=a%2Bb").text(at: ["name"]) == "Ana Ribeiro")
        #expect(try parse("tag=a%2Bb").text(at: ["tag"]) == "a+b")
    }

    @Test func utf8IsDecodedFromEscapesAndRawBytes() throws {
        #expect(try parse("n=Zo%C3%AB").text(at: ["n"]) == "Zoë")
        #expect(try parse("n=Zoë").text(at: ["n"]) == "Zoë")
    }

    @Test func laterValuesReplaceEarlierOnesAndBranchesReplaceLeaves() throws {
        #expect(try parse("a=1&a=2").text(at: ["a"]) == "2")
        #expect(try parse("a=1&a[b]=2").text(at: ["a", "b"]) == "2")
        #expect(try parse("a[b]=2&a=3").text(at: ["a"]) == "3")
    }

    @Test func emptyPairsKeyOnlyPairsAndATrailingLineBreakAreTolerated() throws {
        let form = try parse("a=1&&b&=ignored&c=3\r\n")
        #expect(form.keys == ["a", "b", "c"])
        #expect(form.value(at: ["b"])?.text == "")
        #expect(form.text(at: ["c"]) == "3")
    }

    @Test func unclosedBracketIsAPlainNameAndTextAfterTheLastBracketIsIgnored() throws {
        #expect(try parse("a[b=1").text(at: ["a[b"]) == "1")
        #expect(try parse("a[b]c=1").text(at: ["a", "b"]) == "1")
    }

    @Test func nullAndEmptyValuesReadAsAbsent() throws {
        let form = try parse("a=null&b=&c=+x+")
        #expect(form.text(at: ["a"]) == nil)
        #expect(form.text(at: ["b"]) == nil)
        #expect(form.text(at: ["c"]) == "x")
    }

    @Test(arguments: ["a=%", "a=%4", "a=%zz", "a%=1", "a=%C3%28", "a=%FF"])
    func brokenEscapesAndInvalidUTF8AreMalformed(body: String) {
        #expect(malformed(Array(body.utf8))?.kind == .malformed)
    }

    @Test func controlBytesAndRawInvalidUTF8AreMalformed() {
        #expect(malformed([UInt8]("a=1".utf8) + [0x00] + [UInt8]("b=2".utf8))?.kind == .malformed)
        #expect(malformed([UInt8]("a=1\tb".utf8))?.kind == .malformed)
        #expect(malformed([UInt8]("a=".utf8) + [0xFF, 0xFE])?.kind == .malformed)
    }

    @Test func nestingDeeperThanThirtyTwoIsMalformed() throws {
        #expect(try parse("a" + String(repeating: "[x]", count: 32) + "=1").text(at: ["a"] + Array(repeating: "x", count: 32)) == "1")
        #expect(malformed(Array(("a" + String(repeating: "[x]", count: 33) + "=1").utf8))?.kind == .malformed)
        #expect(malformed(Array(("a" + String(repeating: "[]", count: 100_000) + "=1").utf8))?.kind == .malformed)
    }

    @Test func moreThanTenThousandFieldsIsMalformed() {
        let body = (0...URLEncodedForm.maximumFields).map { "f\($0)=1" }.joined(separator: "&")
        #expect(malformed(Array(body.utf8))?.message.contains("more than") == true)
    }
}
