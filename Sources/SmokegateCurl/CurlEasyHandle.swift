import CCurl
import CCurlShims

/// A typed view of a `CURL *`: each option and info goes through the one shim that matches its C type.
///
/// It neither owns nor frees the handle; `CurlTransfer` does. Used only on the curl thread.
struct CurlEasyHandle {
    let raw: UnsafeMutableRawPointer

    func set(_ option: CURLoption, _ value: Int) throws(HTTPTransferError) {
        try check(smokegate_easy_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, _ value: Bool) throws(HTTPTransferError) {
        try set(option, value ? 1 : 0)
    }

    func set(_ option: CURLoption, offset value: Int64) throws(HTTPTransferError) {
        try check(smokegate_easy_setopt_off_t(raw, option, curl_off_t(value)), option)
    }

    /// Sets a string option; curl copies it, so the Swift string need not outlive the call.
    func set(_ option: CURLoption, string value: String) throws(HTTPTransferError) {
        guard !value.utf8.contains(0) else {
            throw HTTPTransferError(reason: .invalidRequest, message: "an option value contains a NUL byte")
        }
        let code = value.withCString { smokegate_easy_setopt_string(raw, option, $0) }
        try check(code, option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(HTTPTransferError) {
        try check(smokegate_easy_setopt_pointer(raw, option, value), option)
    }

    func set(_ option: CURLoption, list value: UnsafeMutablePointer<curl_slist>?) throws(HTTPTransferError) {
        try check(smokegate_easy_setopt_slist(raw, option, value), option)
    }

    func set(_ option: CURLoption, callback value: smokegate_curl_data_callback) throws(HTTPTransferError) {
        try check(smokegate_easy_setopt_data_callback(raw, option, value), option)
    }

    fileprivate func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPTransferError) {
        guard code != CURLE_OK else { return }
        // Out of memory and a rejected option number are our faults; anything
        // else (an unsupported feature, a bad value) comes from the request.
        let ours = code == CURLE_OUT_OF_MEMORY || code == CURLE_BAD_FUNCTION_ARGUMENT || code == CURLE_UNKNOWN_OPTION
        throw HTTPTransferError(
            reason: ours ? .internal : .invalidRequest,
            message: "libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))",
            curlCode: Int32(code.rawValue)
        )
    }

    func long(_ info: CURLINFO) -> Int {
        var value = 0
        return smokegate_easy_getinfo_long(raw, info, &value) == CURLE_OK ? value : 0
    }

    func offset(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return smokegate_easy_getinfo_off_t(raw, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    func string(_ info: CURLINFO) -> String {
        var value: UnsafeMutablePointer<CChar>?
        guard smokegate_easy_getinfo_string(raw, info, &value) == CURLE_OK, let value else { return "" }
        return String(cString: value)
    }

    /// A list info value (CURLINFO_COOKIELIST) as lines; the list curl allocated is freed here.
    func lines(_ info: CURLINFO) -> [String] {
        var list: UnsafeMutablePointer<curl_slist>?
        guard smokegate_easy_getinfo_slist(raw, info, &list) == CURLE_OK else { return [] }
        defer { curl_slist_free_all(list) }
        var lines: [String] = []
        var node = list
        while let current = node {
            if let data = current.pointee.data { lines.append(String(cString: data)) }
            node = current.pointee.next
        }
        return lines
    }

    var privatePointer: UnsafeMutableRawPointer? {
        var value: UnsafeMutableRawPointer?
        return smokegate_easy_getinfo_private(raw, &value) == CURLE_OK ? value : nil
    }

    /// The certificate chain of the last TLS connection, leaf first, each as curl's `Name:value` lines.
    func certificateChain() -> [[String]] {
        var info: UnsafeMutablePointer<curl_certinfo>?
        guard smokegate_easy_getinfo_certinfo(raw, &info) == CURLE_OK, let info,
              let chain = info.pointee.certinfo
        else { return [] }
        return (0..<Int(max(0, info.pointee.num_of_certs))).map { index in
            var lines: [String] = []
            var node = chain[index]
            while let current = node {
                if let data = current.pointee.data {
                    lines.append(String(cString: data))
                }
                node = current.pointee.next
            }
            return lines
        }
    }
}

extension CurlEasyHandle {
    /// Sets CURLOPT_COPYPOSTFIELDS to these bytes; curl copies them, NUL bytes included,
    /// because POSTFIELDSIZE_LARGE is set first.
    func setRequestBody(_ bytes: [UInt8]) throws(HTTPTransferError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(bytes.count))
        // An empty array may have no storage, and a NULL COPYPOSTFIELDS means
        // "no fields" rather than "zero bytes": hand curl a real, unread byte.
        let storage = bytes.isEmpty ? [0] : bytes
        let code = storage.withUnsafeBytes { buffer in
            smokegate_easy_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
        }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }
}
