import AccessKernel
import AdapterKit
import Foundation
import Mocks
import Testing
import ThriveCart

@Suite struct HostileInput {
    typealias S = ThriveCartScenario

    @Test(arguments: BodyEncoding.allCases)
    func everyCutOfEveryRecordedBodyIsRefusedOrDecodesWithoutCrashing(encoding: BodyEncoding) throws {
        let adapter = try ThriveCartTesting.adapter()
        for (name, payload) in S.deliveries {
            let body = encoding.encode(payload)
            for cut in 0..<body.count {
                let request = ThriveCartRequest.make(body: Array(body[..<cut]), encoding: encoding)
                do throws(AdapterError) {
                    let verdict = try adapter.verify(request)
                    #expect(encoding == .form, "a cut JSON body of \(name) at \(cut) decoded to \(verdict)")
                } catch {
                    #expect([.malformed, .unauthenticated].contains(error.kind), "\(name) cut at \(cut): \(error)")
                }
            }
        }
    }

    /// A form body shows no end, so a cut may read as a shorter body; the HTTP layer's
    /// Content-Length check is what guards form deliveries. What the adapter adds: a cut
    /// that leaves `purchase_map_flat` disagreeing with the purchase map is refused, and
    /// a cut in the fields after it (which the adapter does not read) is refused or
    /// changes nothing.
    @Test func cutFormOrderIsRefusedOnceThePurchaseMapsDisagreeAndNeverChangedAfterThem() throws {
        let adapter = try ThriveCartTesting.adapter()
        let body = BodyEncoding.form.encode(ThriveCartPayload.orderSuccess(S.bundleOrder))
        let whole = try adapter.verify(ThriveCartRequest.make(body: body, encoding: .form))
        let flat = try #require(String(decoding: body, as: UTF8.self).range(of: "&purchase_map_flat="))
        let flatStart = body.count - String(decoding: body, as: UTF8.self)[flat.upperBound...].utf8.count
        let flatEnd = try #require(body[flatStart...].firstIndex(of: UInt8(ascii: "&")))
        for cut in flatStart..<body.count {
            let verdict = try? adapter.verify(ThriveCartRequest.make(body: Array(body[..<cut]), encoding: .form))
            if cut < flatEnd {
                #expect(verdict == nil, "cut at \(cut) inside purchase_map_flat decoded")
            } else {
                #expect(verdict == nil || verdict == whole, "cut at \(cut) after purchase_map_flat changed the purchase")
            }
        }
    }

    @Test(arguments: [0, 7, 64, 1_000, 65_536])
    func randomBytesAreMalformedInEitherMediaType(count: Int) throws {
        var generator = SeededBytes(seed: UInt64(count) &+ 17)
        let body = (0..<count).map { _ in generator.next() }
        for encoding in BodyEncoding.allCases {
            let error = try ThriveCartTesting.refusal(ThriveCartRequest.make(body: body, encoding: encoding))
            #expect(error?.kind == .malformed, "\(count) random bytes as \(encoding): \(String(describing: error))")
        }
    }

    @Test func bodiesOverOneMebibyteAreMalformed() throws {
        var body = BodyEncoding.form.encode(ThriveCartPayload.orderSuccess(S.bundleOrder))
        body += Array("&padding=".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: ThriveCartAdapter.maximumBodySize)
        let error = try ThriveCartTesting.refusal(ThriveCartRequest.make(body: body, encoding: .form))
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("larger than") == true)
    }

    @Test(arguments: ["text/plain", "application/xml", "multipart/form-data; boundary=x", nil] as [String?])
    func otherMediaTypesAreUnsupported(contentType: String?) throws {
        let body = BodyEncoding.form.encode(ThriveCartPayload.orderSuccess(S.bundleOrder))
        let headers: [(name: String, value: String)] = contentType.map { [("Content-Type", $0)] } ?? []
        let error = try ThriveCartTesting.refusal(InboundRequest(headers: headers, body: body, receivedAt: Date(unix: 0)))
        #expect(error?.kind == .unsupportedMediaType)
    }

    @Test func contentTypeParametersAndCaseDoNotMatter() throws {
        let body = BodyEncoding.json.encode(ThriveCartPayload.orderSuccess(S.bundleOrder))
        let request = InboundRequest(headers: [("content-type", "Application/JSON; charset=UTF-8")], body: body, receivedAt: Date(unix: 0))
        guard case .facts = try ThriveCartTesting.adapter().verify(request) else { Issue.record("not decoded"); return }
    }

    @Test func jsonBodyThatIsNotAnObjectOrHasTheWrongShapesIsRefusedNotCrashed() throws {
        for text in [#"[1,2]"#, #"{"event":{"a":1},"thrivecart_secret":"KX7QZP2M4RWT"}"#,
                     #"{"event":"order.success","thrivecart_secret":"KX7QZP2M4RWT","order_id":[1],"customer":"x"}"#,
                     #"{"event":"order.success","thrivecart_secret":"KX7QZP2M4RWT","order_id":"1","customer":{"email":"a@b.c"},"purchase_map":{"x":{"y":1}}}"#] {
            let error = try ThriveCartTesting.refusal(ThriveCartRequest.make(body: Array(text.utf8), encoding: .json))
            #expect(error?.kind == .malformed, "\(text): \(String(describing: error))")
        }
    }

    // Speed is measured by Benchmarks/, never by timed assertions here.
    @Test func tenThousandDistinctKeysInOneTableAreReadAndRefusedForWhatTheyLack() throws {
        let body = Array((0..<9_999).map { "field_\($0)=x" }.joined(separator: "&").utf8)
        let error = try ThriveCartTesting.refusal(ThriveCartRequest.make(body: body, encoding: .form))
        #expect(error?.kind == .malformed || error?.kind == .unauthenticated, "\(String(describing: error))")
    }
}

/// A fixed-seed byte generator, so that "random" bodies are the same on every run.
struct SeededBytes {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt8 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}
