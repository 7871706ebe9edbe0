import Outbound
import Testing

@Suite("HTTP round trips on loopback")
struct RoundTripTests {
    let client = CurlClient()

    @Test("a GET returns the status, the server's headers and the body")
    func getRoundTrip() async throws {
        try await LoopbackServer.run { port, _ in
            let request = OutboundRequest(url: "http://127.0.0.1:\(port)/echo",
                                               headers: [HTTPHeader(name: "X-Test", value: "hello get")])
            let response = try await client.send(request)
            #expect(response.status == 200)
            #expect(response.headers["x-method"] == "GET")
            #expect(response.headers["X-Echo-Test"] == "hello get")
            #expect(response.body.isEmpty)
        }
    }

    @Test("a POST sends its headers and body and receives the body back")
    func postRoundTrip() async throws {
        try await LoopbackServer.run { port, _ in
            let body = Array("{\"event\":\"access.granted\",\"id\":\"msg_1\"}".utf8)
            let request = OutboundRequest(method: .post, url: "http://127.0.0.1:\(port)/echo", headers: [
                HTTPHeader(name: "Content-Type", value: "application/json"),
                HTTPHeader(name: "X-Test", value: "hello post"),
            ], body: body)
            let response = try await client.send(request)
            #expect(response.status == 200)
            #expect(response.headers["X-Method"] == "POST")
            #expect(response.headers["X-Echo-Test"] == "hello post")
            #expect(response.headers["X-Content-Type"] == "application/json")
            #expect(response.body == body)
        }
    }

    @Test("a POST without a Content-Type is not labelled as a form by libcurl")
    func postWithoutContentType() async throws {
        try await LoopbackServer.run { port, _ in
            let request = OutboundRequest(method: .post, url: "http://127.0.0.1:\(port)/echo", body: Array("raw".utf8))
            let response = try await client.send(request)
            #expect(response.headers["X-Content-Type"] == "none")
            #expect(response.bodyText == "raw")
        }
    }

    @Test("PUT and DELETE are sent with their own method and body")
    func otherMethods() async throws {
        try await LoopbackServer.run { port, _ in
            let put = try await client.send(OutboundRequest(method: .put, url: "http://127.0.0.1:\(port)/echo",
                                                                 body: Array("put body".utf8)))
            #expect(put.headers["X-Method"] == "PUT")
            #expect(put.bodyText == "put body")
            let delete = try await client.send(OutboundRequest(method: .delete, url: "http://127.0.0.1:\(port)/echo"))
            #expect(delete.status == 200)
            #expect(delete.headers["X-Method"] == "DELETE")
        }
    }

    @Test("a HEAD returns the status and headers without waiting for a body")
    func headRoundTrip() async throws {
        try await LoopbackServer.run { port, _ in
            let response = try await client.send(OutboundRequest(method: .head, url: "http://127.0.0.1:\(port)/echo"))
            #expect(response.status == 200)
            #expect(response.headers["X-Method"] == "HEAD")
            #expect(response.body.isEmpty)
        }
    }

    @Test("a header with an empty value is sent empty, not dropped")
    func emptyHeaderValueIsSent() async throws {
        try await LoopbackServer.run { port, _ in
            let request = OutboundRequest(url: "http://127.0.0.1:\(port)/echo", headers: [HTTPHeader(name: "X-Test", value: "")])
            let response = try await client.send(request)
            #expect(response.headers["X-Echo-Test"] == "")
        }
    }

    @Test("a 2 MiB POST arrives whole and is sent without Expect: 100-continue")
    func largePostWithoutExpect() async throws {
        try await LoopbackServer.run { port, record in
            let body = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let request = OutboundRequest(method: .post, url: "http://127.0.0.1:\(port)/echo",
                                               headers: [HTTPHeader(name: "Content-Type", value: "application/octet-stream")],
                                               body: body)
            let response = try await client.send(request)
            #expect(response.status == 200)
            #expect(response.body == body)
            #expect(record.expectHeaders.isEmpty, "the server received Expect: \(record.expectHeaders)")
        }
    }

    @Test("a non-2xx status is returned by send, and thrown with its body (but not the URL query) by sendExpectingSuccess")
    func statusHandling() async throws {
        try await LoopbackServer.run { port, _ in
            let request = OutboundRequest(url: "http://127.0.0.1:\(port)/status/503?token=s3cret")
            let response = try await client.send(request)
            #expect(response.status == 503)
            #expect(!response.isSuccess)
            let error = await #expect(throws: OutboundError.self) { try await client.sendExpectingSuccess(request) }
            #expect(error?.kind == .httpStatus)
            #expect(error?.status == 503)
            #expect(error?.response?.bodyText == "status body")
            #expect(error.map { !"\($0)".contains("s3cret") } == true, "the query string leaked into the error")
            let ok = try await client.sendExpectingSuccess(OutboundRequest(url: "http://127.0.0.1:\(port)/status/204"))
            #expect(ok.status == 204)
        }
    }
}
