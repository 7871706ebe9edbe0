import CCurl

/// Translates libcurl's result codes into ``OutboundError`` kinds, so no `CURLcode` leaves the module.
enum CurlFailure {
    /// The error for a failed `curl_easy_perform`, with libcurl's detailed message when it wrote one.
    static func error(for code: CURLcode, state: TransferState) -> OutboundError {
        let detail = state.errorMessage
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        if state.exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return OutboundError(kind: .responseTooLarge,
                                 message: "the response is larger than \(state.limit) bytes")
        }
        return OutboundError(kind: kind(of: code), message: message)
    }

    /// The error for a failed mail submission: a permanent (5xx) SMTP reply or refused
    /// credentials mean the server rejected it; anything else is judged like an HTTP failure.
    static func error(forMail code: CURLcode, reply: Int, state: TransferState) -> OutboundError {
        let error = error(for: code, state: state)
        guard code == CURLE_LOGIN_DENIED || (500...599).contains(reply), error.kind == .transport else { return error }
        return OutboundError(kind: .rejected, message: error.message)
    }

    /// The error for an option libcurl refused (an unsupported scheme list, out of memory).
    static func error(forOption option: CURLoption, code: CURLcode) -> OutboundError {
        let reason = String(cString: curl_easy_strerror(code))
        let kind: OutboundError.Kind = code == CURLE_OUT_OF_MEMORY ? .transport : .invalidRequest
        return OutboundError(kind: kind, message: "libcurl refused option \(option.rawValue): \(reason)")
    }

    /// The kind a caller acts on for one result code.
    static func kind(of code: CURLcode) -> OutboundError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            .tls
        case CURLE_FILESIZE_EXCEEDED:
            .responseTooLarge
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_NOT_BUILT_IN:
            .invalidRequest
        default:
            // DNS failures, refused or dropped connections, send and receive errors, empty replies.
            .transport
        }
    }
}
