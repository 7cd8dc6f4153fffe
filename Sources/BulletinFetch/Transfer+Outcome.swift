import CCurl
import Foundation

extension Transfer {
    /// The result of a finished transfer: a whole response, or the error that explains it.
    func outcome(of code: CURLcode) -> Result<FetchResponse, FetchError> {
        let url = request.url
        if let abort {
            return .failure(FetchError(abort, abortMessage, url: url))
        }
        guard code == CURLE_OK else {
            let error = CurlError(code, detail: curlMessage)
            var message = error.detail
            if error.reason == .refusedScheme, message.contains("file"), !request.allowFile {
                message += " (file:// is allowed only for sources that set allow_file)"
            }
            if code == CURLE_TOO_MANY_REDIRECTS { message = "more than \(request.limits.maxRedirects) redirects" }
            return .failure(FetchError(error.reason, message, url: url))
        }
        let status = url.lowercased().hasPrefix("file:") ? 200 : getLong(CURLINFO_RESPONSE_CODE)
        let response = FetchResponse(
            status: status,
            url: url,
            finalURL: getString(CURLINFO_EFFECTIVE_URL) ?? url,
            headers: headers,
            body: status == 304 ? [] : body,
            redirects: getLong(CURLINFO_REDIRECT_COUNT),
            httpVersion: httpVersion,
            timings: timings
        )
        switch status {
        case 200..<300, 304:
            return .success(response)
        default:
            let retryAfter = response.header("Retry-After").flatMap { RetryAfter.parse($0) }
            var message = "HTTP \(status)"
            if let phrase = Self.phrases[status] { message += " \(phrase)" }
            if let retryAfter { message += ", retry after \(retryAfter.components.seconds) s" }
            return .failure(FetchError(.status(status), message, url: url, retryAfter: retryAfter))
        }
    }

    private static let phrases = [
        300: "Multiple Choices (no redirect to follow)", 400: "Bad Request", 401: "Unauthorized",
        403: "Forbidden", 404: "Not Found", 408: "Request Timeout", 410: "Gone", 429: "Too Many Requests",
        500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    private var httpVersion: String {
        switch getLong(CURLINFO_HTTP_VERSION) {
        case CURL_HTTP_VERSION_1_0: return "1.0"
        case CURL_HTTP_VERSION_1_1: return "1.1"
        case CURL_HTTP_VERSION_2_0: return "2"
        case CURL_HTTP_VERSION_3: return "3"
        default: return ""
        }
    }

    private var timings: FetchTimings {
        func time(_ info: CURLINFO) -> Duration {
            var micros: curl_off_t = 0
            _ = bulletind_easy_getinfo_off(easy, info, &micros)
            return .microseconds(micros)
        }
        return FetchTimings(
            nameLookup: time(CURLINFO_NAMELOOKUP_TIME_T),
            connect: time(CURLINFO_CONNECT_TIME_T),
            tlsHandshake: time(CURLINFO_APPCONNECT_TIME_T),
            firstByte: time(CURLINFO_STARTTRANSFER_TIME_T),
            total: time(CURLINFO_TOTAL_TIME_T)
        )
    }

    private func getLong(_ info: CURLINFO) -> Int {
        var value = 0
        _ = bulletind_easy_getinfo_long(easy, info, &value)
        return value
    }

    private func getString(_ info: CURLINFO) -> String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard bulletind_easy_getinfo_string(easy, info, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }
}
