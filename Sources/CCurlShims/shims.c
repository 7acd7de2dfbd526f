#include "CCurlShims.h"

// curl numbers options in bands of 10000 per argument type and info values in
// bands selected by CURLINFO_TYPEMASK; checking the band turns a mismatched
// wrapper into an error instead of undefined behaviour.
static int option_has_type(CURLoption option, int type) {
    return (int)option >= type && (int)option < type + 10000;
}

static int info_has_type(CURLINFO info, int type) {
    return ((int)info & CURLINFO_TYPEMASK) == type;
}

CURLcode smokegate_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    if (!option_has_type(option, CURLOPTTYPE_LONG)) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

CURLcode smokegate_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    if (!option_has_type(option, CURLOPTTYPE_OFF_T)) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

CURLcode smokegate_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    if (!option_has_type(option, CURLOPTTYPE_STRINGPOINT)) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

CURLcode smokegate_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    if (!option_has_type(option, CURLOPTTYPE_OBJECTPOINT)) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

CURLcode smokegate_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    if (!option_has_type(option, CURLOPTTYPE_SLISTPOINT)) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

CURLcode smokegate_easy_setopt_data_callback(CURL *handle, CURLoption option, smokegate_curl_data_callback callback) {
    if (option != CURLOPT_WRITEFUNCTION && option != CURLOPT_HEADERFUNCTION) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, callback);
}

CURLcode smokegate_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    if (!info_has_type(info, CURLINFO_LONG)) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

CURLcode smokegate_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    if (!info_has_type(info, CURLINFO_DOUBLE)) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

CURLcode smokegate_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    if (!info_has_type(info, CURLINFO_OFF_T)) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

CURLcode smokegate_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    // CURLINFO_PRIVATE sits in the string band but holds an arbitrary pointer.
    if (!info_has_type(info, CURLINFO_STRING) || info == CURLINFO_PRIVATE) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

CURLcode smokegate_easy_getinfo_private(CURL *handle, void **value) {
    char *stored = NULL;
    CURLcode code = curl_easy_getinfo(handle, CURLINFO_PRIVATE, &stored);
    *value = stored;
    return code;
}

CURLcode smokegate_easy_getinfo_slist(CURL *handle, CURLINFO info, struct curl_slist **value) {
    // CURLINFO_PTR shares the band with CURLINFO_SLIST but points at other types,
    // so only the infos documented to return a list are let through.
    if (info != CURLINFO_SSL_ENGINES && info != CURLINFO_COOKIELIST) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

CURLcode smokegate_easy_getinfo_certinfo(CURL *handle, struct curl_certinfo **value) {
    return curl_easy_getinfo(handle, CURLINFO_CERTINFO, value);
}
