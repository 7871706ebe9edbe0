import CCurl

/// One mail submission run to completion on a libcurl handle; blocking, so only worker threads call it.
enum SMTPTransfer {
    /// Resets `handle`, applies the client's timeouts and TLS policy and the server's settings,
    /// and sends `message`.
    static func run(_ message: MailMessage, to server: MailServer, on handle: UnsafeMutableRawPointer,
                    configuration: CurlClient.Configuration,
                    cancellation: CancellationFlag) -> Result<Void, OutboundError> {
        curl_easy_reset(handle)
        let state = TransferState(limit: configuration.maxResponseBytes, cancellation: cancellation)
        state.upload = message.data
        let context = Unmanaged.passUnretained(state).toOpaque()
        var recipientList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipientList) }
        do throws(OutboundError) {
            try validate(message, server)
            let options = CurlOptions(handle: handle)
            try options.setCommon(url: server.url, protocols: "smtp,smtps", configuration: configuration)
            // CURLUSESSL_ALL: STARTTLS or fail, never fall back to clear text.
            try options.set(CURLOPT_USE_SSL, Int(server.requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue))
            if let username = server.username { try options.set(CURLOPT_USERNAME, username) }
            if let password = server.password { try options.set(CURLOPT_PASSWORD, password) }
            try options.set(CURLOPT_MAIL_FROM, "<\(message.from)>")
            for recipient in message.recipients {
                guard let appended = curl_slist_append(recipientList, "<\(recipient)>") else {
                    throw OutboundError(kind: .transport, message: "out of memory building the recipient list")
                }
                recipientList = appended
            }
            try options.set(CURLOPT_MAIL_RCPT, list: recipientList)
            try options.set(CURLOPT_UPLOAD, 1)
            try options.setSize(CURLOPT_INFILESIZE_LARGE, message.data.count)
            try options.set(CURLOPT_READFUNCTION, read: TransferCallbacks.upload)
            try options.set(CURLOPT_READDATA, pointer: context)
            try options.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(state.errorBuffer))
            try options.set(CURLOPT_WRITEFUNCTION, write: TransferCallbacks.body)
            try options.set(CURLOPT_WRITEDATA, pointer: context)
            try options.set(CURLOPT_NOPROGRESS, 0)
            try options.set(CURLOPT_XFERINFOFUNCTION, progress: TransferCallbacks.progress)
            try options.set(CURLOPT_XFERINFODATA, pointer: context)

            let code = curl_easy_perform(handle)
            return withExtendedLifetime(state) {
                guard code == CURLE_OK else {
                    var reply = 0
                    _ = cg_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
                    return .failure(CurlFailure.error(forMail: code, reply: reply, state: state))
                }
                return .success(())
            }
        } catch {
            return .failure(error)
        }
    }

    /// Rejects addresses that would break out of the `MAIL FROM` or `RCPT TO` command.
    private static func validate(_ message: MailMessage, _ server: MailServer) throws(OutboundError) {
        guard !message.recipients.isEmpty else {
            throw OutboundError(kind: .invalidRequest, message: "a mail needs at least one recipient")
        }
        for address in [message.from] + message.recipients {
            guard !address.isEmpty, !address.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else {
                throw OutboundError(kind: .invalidRequest, message: "\"\(address)\" is not a bare mail address")
            }
        }
        guard !server.url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw OutboundError(kind: .invalidRequest, message: "the mail server URL contains white space or control characters")
        }
    }
}
