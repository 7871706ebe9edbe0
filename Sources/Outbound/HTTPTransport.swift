/// Something that sends one HTTP request and returns the complete response.
///
/// ``CurlClient`` is the implementation; code built on it (sinks, provider APIs) takes an
/// `HTTPTransport`, so its tests can answer from memory when the network is not the subject.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response whatever its status.
    ///
    /// - Throws: ``OutboundError`` when no complete response arrived; `CancellationError`
    ///   when the task was cancelled.
    func send(_ request: OutboundRequest) async throws -> OutboundResponse
}

extension HTTPTransport {
    /// Sends `request` and returns the response if its status is in 200...299.
    ///
    /// - Throws: ``OutboundError`` of kind ``OutboundError/Kind/httpStatus`` carrying the
    ///   response for any other status, and whatever ``send(_:)`` throws.
    public func sendExpectingSuccess(_ request: OutboundRequest) async throws -> OutboundResponse {
        let response = try await send(request)
        guard response.isSuccess else {
            throw OutboundError(kind: .httpStatus,
                                message: "\(request.method) to \(CurlClient.host(of: request.url)) answered \(response.status)",
                                response: response)
        }
        return response
    }
}
