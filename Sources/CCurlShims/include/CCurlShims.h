#ifndef SMOKEGATE_CCURLSHIMS_H
#define SMOKEGATE_CCURLSHIMS_H

// Fixed-signature wrappers over libcurl's variadic setopt / getinfo calls, which
// Swift cannot call. Each wrapper accepts only the options whose declared type
// matches its argument type and returns CURLE_BAD_FUNCTION_ARGUMENT otherwise:
// curl's own compile-time checks are off under clang, and handing curl an
// argument of the wrong width is undefined behaviour rather than an error.

#include <curl/curl.h>

/// The signature libcurl uses for both CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*smokegate_curl_data_callback)(char *data, size_t size, size_t count, void *context);

/// Sets a `long` option (CURLOPTTYPE_LONG / VALUES).
CURLcode smokegate_easy_setopt_long(CURL *handle, CURLoption option, long value);
/// Sets a `curl_off_t` option (CURLOPTTYPE_OFF_T).
CURLcode smokegate_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// Sets a string option; curl copies the string.
CURLcode smokegate_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
/// Sets an opaque pointer option (PRIVATE, WRITEDATA, HEADERDATA, ERRORBUFFER); curl does not copy the target.
CURLcode smokegate_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
/// Sets a list option (HTTPHEADER, CONNECT_TO, RESOLVE); the list must outlive the transfer.
CURLcode smokegate_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
/// Sets CURLOPT_WRITEFUNCTION or CURLOPT_HEADERFUNCTION; any other option is rejected.
CURLcode smokegate_easy_setopt_data_callback(CURL *handle, CURLoption option, smokegate_curl_data_callback callback);

/// Reads a `long` info value (CURLINFO_LONG).
CURLcode smokegate_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
/// Reads a `double` info value (CURLINFO_DOUBLE).
CURLcode smokegate_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
/// Reads a `curl_off_t` info value (CURLINFO_OFF_T), such as the *_TIME_T timers.
CURLcode smokegate_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
/// Reads a string info value (CURLINFO_STRING); the string is owned by the handle.
CURLcode smokegate_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);
/// Reads CURLINFO_PRIVATE, the pointer stored with CURLOPT_PRIVATE.
CURLcode smokegate_easy_getinfo_private(CURL *handle, void **value);
/// Reads a list info value (CURLINFO_SLIST) that the caller must free with curl_slist_free_all.
CURLcode smokegate_easy_getinfo_slist(CURL *handle, CURLINFO info, struct curl_slist **value);
/// Reads CURLINFO_CERTINFO; the chain is owned by the handle.
CURLcode smokegate_easy_getinfo_certinfo(CURL *handle, struct curl_certinfo **value);

#endif
