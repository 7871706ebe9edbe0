// Non-variadic wrappers over libcurl's variadic calls, so Swift never calls a C variadic.
//
// `curl_easy_setopt` and `curl_easy_getinfo` take their argument through `...`; Swift cannot
// call them. Each wrapper below fixes the argument to one kind. `CURL` is `void`, so a handle
// imports into Swift as `UnsafeMutableRawPointer?`.
#ifndef COURSEGATE_CCURL_SHIM_H
#define COURSEGATE_CCURL_SHIM_H

// The type-checking macros only inspect constant options; ours are always run-time values.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/// `curl_global_init(CURL_GLOBAL_DEFAULT)`; the flag is a macro expression Swift cannot import.
static inline CURLcode cg_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/// An option that takes a `long` (flags, timeouts in milliseconds, sizes).
static inline CURLcode cg_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// An option that takes a `curl_off_t` (the `_LARGE` sizes).
static inline CURLcode cg_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// An option that takes a C string; libcurl copies strings it is given this way
/// (except `CURLOPT_POSTFIELDS`, which it does not copy).
static inline CURLcode cg_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// An option that takes an untyped pointer (callback data, `CURLOPT_POSTFIELDS`, the error buffer).
static inline CURLcode cg_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// An option that takes a `struct curl_slist *` (`CURLOPT_HTTPHEADER`, `CURLOPT_MAIL_RCPT`).
static inline CURLcode cg_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// `CURLOPT_WRITEFUNCTION` and `CURLOPT_HEADERFUNCTION`.
static inline CURLcode cg_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// `CURLOPT_READFUNCTION`.
static inline CURLcode cg_setopt_read_function(CURL *handle, CURLoption option, curl_read_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// `CURLOPT_XFERINFOFUNCTION`.
static inline CURLcode cg_setopt_xferinfo_function(CURL *handle, CURLoption option, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// Information of type `long` (`CURLINFO_RESPONSE_CODE`, `CURLINFO_NUM_CONNECTS`).
static inline CURLcode cg_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Information of type `double` (the older timing fields).
static inline CURLcode cg_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Information of type `curl_off_t` (`CURLINFO_TOTAL_TIME_T`, sizes).
static inline CURLcode cg_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Information of type `char *` (`CURLINFO_EFFECTIVE_URL`, `CURLINFO_CONTENT_TYPE`); owned by the handle.
static inline CURLcode cg_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
