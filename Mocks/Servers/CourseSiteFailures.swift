/// The ways a ``MockCourseSite`` can be told to misbehave, consumed request by request.
struct CourseSiteFailures: Sendable {
    /// Requests still to be answered with `failureStatus`.
    var failuresLeft = 0
    var failureStatus = 500
    /// Requests still to be answered `throttleStatus` (429 or 503) with `retryAfter`.
    var throttlesLeft = 0
    var throttleStatus = 429
    var retryAfter = "1"
    /// Requests still to be read and then dropped without an answer.
    var dropsLeft = 0
    /// Whether every request is answered 410 Gone.
    var gone = false
    /// How long each answer waits before it is sent.
    var delay: Duration?

    /// What to do with the next request, before its signature is even looked at; `nil` to handle it normally.
    mutating func next() -> CourseSiteFailure? {
        if dropsLeft > 0 { dropsLeft -= 1; return .drop }
        if gone { return .answer(status: 410, headers: []) }
        if throttlesLeft > 0 { throttlesLeft -= 1; return .answer(status: throttleStatus, headers: [("Retry-After", retryAfter)]) }
        if failuresLeft > 0 { failuresLeft -= 1; return .answer(status: failureStatus, headers: []) }
        return nil
    }
}

/// One misbehaviour of the mock course site.
enum CourseSiteFailure: Sendable {
    /// Read the request and close the connection without answering.
    case drop
    /// Answer with this status and headers instead of handling the request.
    case answer(status: Int, headers: [(String, String)])
}
