extension CurlTransfer {
    /// CURLOPT_WRITEFUNCTION: keeps body bytes up to the cap.
    ///
    /// Returning fewer bytes than offered is libcurl's way to stop a transfer;
    /// it then fails with CURLE_WRITE_ERROR, which `bodyTooLarge` turns into `body_too_large`.
    func receiveBody(_ data: UnsafeMutablePointer<CChar>?, length: Int) -> Int {
        guard length > 0 else { return 0 }
        guard let data else { return 0 }
        guard body.count + length <= max(0, request.bodyCap) else {
            bodyTooLarge = true
            return 0
        }
        body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        return length
    }

    /// CURLOPT_HEADERFUNCTION: called once per header line, status lines and the blank terminator included.
    func receiveHeaderLine(_ data: UnsafeMutablePointer<CChar>?, length: Int) -> Int {
        guard length > 0, let data else { return length }
        let line = Self.headerText(UnsafeRawBufferPointer(start: data, count: length))
        if line.hasPrefix("HTTP/") {
            // A new status line starts another response (1xx, a redirect's target,
            // a proxy's CONNECT reply): only the final response's headers are kept.
            responseHeaders.removeAll(keepingCapacity: true)
            return length
        }
        guard !line.isEmpty else { return length }
        if line.first == " " || line.first == "\t", let last = responseHeaders.indices.last {
            // Obsolete line folding continues the previous header's value.
            let continuation = line.trimmingSpacesAndTabs
            responseHeaders[last].value += responseHeaders[last].value.isEmpty ? String(continuation) : " \(continuation)"
            return length
        }
        guard let colon = line.firstIndex(of: ":") else { return length }
        let name = line[..<colon].trimmingSpacesAndTabs
        let value = line[line.index(after: colon)...].trimmingSpacesAndTabs
        responseHeaders.append((name: String(name), value: String(value)))
        return length
    }

    /// The line without its CR LF, decoded leniently: servers do send Latin-1 and junk in headers.
    private static func headerText(_ bytes: UnsafeRawBufferPointer) -> Substring {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D {
            end -= 1
        }
        return Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self))
    }
}
