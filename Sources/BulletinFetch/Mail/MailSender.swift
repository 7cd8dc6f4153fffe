import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Sends one message by SMTP submission through libcurl: smtp:// with STARTTLS (required unless
/// `tls` is `.none`), or smtps:// with TLS from the start; AUTH when a user is given.
///
/// ```swift
/// var server = MailServer(url: "smtp://smtp.example.org:587", from: "bulletind@example.org")
/// server.user = "bulletind"; server.password = try secret(from: file)
/// try await MailSender.send(message, to: ["analyst@example.org"], via: server)
/// ```
public enum MailSender {
    /// Sends `message` (a whole RFC 5322 message, CRLF line ends) to `recipients`.
    public static func send(_ message: [UInt8], to recipients: [String], via server: MailServer)
        async throws(FetchError)
    {
        let result: Result<Void, FetchError> = await withCheckedContinuation { continuation in
            // curl_easy_perform blocks: give it a thread of its own rather than a pool thread.
            Thread.detachNewThread {
                continuation.resume(
                    returning: Result { () throws(FetchError) in
                        try perform(message, to: recipients, via: server)
                    })
            }
        }
        try result.get()
    }

    private static func perform(_ message: [UInt8], to recipients: [String], via server: MailServer) throws(FetchError)
    {
        guard let easy = curl_easy_init() else { throw FetchError(.other, "cannot start curl", url: server.url) }
        defer { curl_easy_cleanup(easy) }
        var list: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(list) }
        let upload = MailUpload(message)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }
        func set(_ option: CURLoption, _ value: String) throws(FetchError) {
            try wrap(bulletind_easy_setopt_string(easy, option, value), server)
        }
        func set(_ option: CURLoption, _ value: Int) throws(FetchError) {
            try wrap(bulletind_easy_setopt_long(easy, option, value), server)
        }
        try set(CURLOPT_URL, server.url)
        try set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_MAIL_FROM, "<\(server.from)>")
        for recipient in recipients { list = curl_slist_append(list, "<\(recipient)>") }
        try wrap(bulletind_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, list), server)
        try set(CURLOPT_USE_SSL, server.url.hasPrefix("smtps:") ? Int(CURLUSESSL_ALL.rawValue) : server.tls.curlValue)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let user = server.user { try set(CURLOPT_USERNAME, user) }
        if let password = server.password { try set(CURLOPT_PASSWORD, password) }
        try set(CURLOPT_CONNECTTIMEOUT_MS, server.timeout.curlMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, server.timeout.curlMilliseconds)
        try set(CURLOPT_UPLOAD, 1)
        try set(CURLOPT_INFILESIZE_LARGE, message.count)
        try wrap(bulletind_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)), server)
        let context = Unmanaged.passRetained(upload)
        defer { context.release() }
        try wrap(bulletind_easy_setopt_pointer(easy, CURLOPT_READDATA, context.toOpaque()), server)
        try wrap(bulletind_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION, mailRead), server)
        let code = curl_easy_perform(easy)
        guard code == CURLE_OK else {
            let error = CurlError(code, detail: String(cString: errorBuffer))
            var response = 0
            _ = bulletind_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &response)
            let reason: FetchError.Reason = response >= 500 ? .status(response) : error.reason
            throw FetchError(reason, "SMTP: \(error.description)", url: server.url)
        }
    }

    private static func wrap(_ code: CURLcode, _ server: MailServer) throws(FetchError) {
        guard code == CURLE_OK else { throw FetchError(.other, "SMTP: \(CurlError(code))", url: server.url) }
    }
}

/// The message curl reads from, a piece at a time.
private final class MailUpload {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// CURLOPT_READFUNCTION.
private func mailRead(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let buffer, let context else { return 0 }
    return Unmanaged<MailUpload>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: size * count)
}

/// An SMTP submission server.
public struct MailServer: Sendable {
    /// How the connection is protected when the URL is smtp://.
    public enum TLS: String, Sendable {
        /// STARTTLS, or fail.
        case starttls
        /// Plain text (a local relay or a test server only).
        case none

        var curlValue: Int { self == .none ? Int(CURLUSESSL_NONE.rawValue) : Int(CURLUSESSL_ALL.rawValue) }
    }

    /// smtp://host:587 (STARTTLS) or smtps://host:465.
    public var url: String
    /// The envelope sender.
    public var from: String
    public var user: String?
    public var password: String?
    public var tls: TLS = .starttls
    public var timeout: Duration = .seconds(30)

    public init(url: String, from: String) {
        self.url = url
        self.from = from
    }
}
