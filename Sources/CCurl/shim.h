#ifndef BULLETIND_CCURL_SHIM_H
#define BULLETIND_CCURL_SHIM_H

/*
 * libcurl's curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, which Swift
 * cannot call. These typed wrappers are the only way the Swift side reaches them: one per argument
 * type, so a wrong type is a compile error in Swift rather than undefined behaviour in C.
 */

#include <curl/curl.h>

static inline CURLcode bulletind_easy_setopt_long(CURL *easy, CURLoption option, long value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode bulletind_easy_setopt_off(CURL *easy, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode bulletind_easy_setopt_string(CURL *easy, CURLoption option, const char *value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode bulletind_easy_setopt_pointer(CURL *easy, CURLoption option, void *value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode bulletind_easy_setopt_slist(CURL *easy, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(easy, option, value);
}

/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*bulletind_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode bulletind_easy_setopt_data_callback(CURL *easy, CURLoption option,
                                                           bulletind_data_callback callback) {
    return curl_easy_setopt(easy, option, callback);
}

/// CURLOPT_XFERINFOFUNCTION.
typedef int (*bulletind_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                           curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode bulletind_easy_setopt_progress_callback(CURL *easy, bulletind_progress_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, callback);
}

/// CURLOPT_PREREQFUNCTION (7.80): called once a connection is made or reused, before each request
/// (redirects included) is sent, with the address actually connected to.
typedef int (*bulletind_prereq_callback)(void *context, char *primary_ip, char *local_ip,
                                         int primary_port, int local_port);
static inline CURLcode bulletind_easy_setopt_prereq_callback(CURL *easy, bulletind_prereq_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, callback);
}

static inline CURLcode bulletind_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
    return curl_easy_getinfo(easy, info, value);
}

static inline CURLcode bulletind_easy_getinfo_off(CURL *easy, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(easy, info, value);
}

static inline CURLcode bulletind_easy_getinfo_string(CURL *easy, CURLINFO info, char **value) {
    return curl_easy_getinfo(easy, info, value);
}

static inline CURLcode bulletind_easy_getinfo_pointer(CURL *easy, CURLINFO info, void **value) {
    return curl_easy_getinfo(easy, info, value);
}

static inline CURLMcode bulletind_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

/* Constants Swift cannot import (macros with casts or expressions). */
static const size_t bulletind_writefunc_error = CURL_WRITEFUNC_ERROR;
static const int bulletind_prereqfunc_ok = CURL_PREREQFUNC_OK;
static const int bulletind_prereqfunc_abort = CURL_PREREQFUNC_ABORT;
static const long bulletind_http_version_2tls = CURL_HTTP_VERSION_2TLS;
static const long bulletind_curl_global_default = CURL_GLOBAL_DEFAULT;

#endif
