import CCurl

/// A libcurl result code with curl's own words, wrapped once here so no other file reads CURLcode.
struct CurlError: Error, CustomStringConvertible {
    var code: CURLcode
    /// The transfer's error buffer when curl filled it, else curl_easy_strerror.
    var detail: String

    init(_ code: CURLcode, detail: String = "") {
        self.code = code
        self.detail = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    var description: String { detail }

    /// Throws unless `code` is CURLE_OK (for setopt and getinfo).
    static func check(_ code: CURLcode) throws(CurlError) {
        if code != CURLE_OK { throw CurlError(code) }
    }

    /// How the scheduler should treat this failure.
    var reason: FetchError.Reason {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .nameResolution
        case CURLE_COULDNT_CONNECT: return .connect
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_HTTP2,
            CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY:
            return .network
        case CURLE_UNSUPPORTED_PROTOCOL: return .refusedScheme
        case CURLE_TOO_MANY_REDIRECTS: return .tooManyRedirects
        case CURLE_URL_MALFORMAT: return .invalidURL
        case CURLE_FILESIZE_EXCEEDED: return .tooLarge
        case CURLE_BAD_CONTENT_ENCODING: return .badEncoding
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS:
            return .tls
        case CURLE_FILE_COULDNT_READ_FILE, CURLE_REMOTE_FILE_NOT_FOUND: return .status(404)
        case CURLE_LOGIN_DENIED: return .authentication
        default: return .other
        }
    }
}

/// A libcurl multi-interface result code, wrapped the same way.
struct CurlMultiError: Error, CustomStringConvertible {
    var code: CURLMcode
    var description: String { String(cString: curl_multi_strerror(code)) }

    static func check(_ code: CURLMcode) throws(CurlMultiError) {
        if code != CURLM_OK { throw CurlMultiError(code: code) }
    }
}
