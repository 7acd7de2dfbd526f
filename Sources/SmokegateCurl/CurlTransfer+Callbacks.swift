extension CurlTransfer {
    /// The most response-header bytes a transfer accepts, redirects and 1xx responses included. Below curl's own
    /// 300 KB so the overflow is ours to name (`protocol`) instead of a bare receive error; far above any sane
    /// head (proxies commonly refuse more than 8–64 KB).
    static let headerCap = 256 * 1024

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
    ///
    /// Lines are only copied here and parsed once, for the final response, by `parsedResponseHeaders()`: a
    /// server streaming header lines costs a copy per line, not a parse, on the thread every transfer shares.
    func receiveHeaderLine(_ data: UnsafeMutablePointer<CChar>?, length: Int) -> Int {
        guard length > 0, let data else { return length }
        let line = UnsafeRawBufferPointer(start: data, count: length)
        headerBytes += length
        guard headerBytes <= Self.headerCap else {
            headersTooLarge = true
            return 0
        }
        if Self.isStatusLine(line) {
            // A new status line starts another response (1xx, a redirect's target,
            // a proxy's CONNECT reply): only the final response's headers are kept.
            rawResponseHeaders.removeAll(keepingCapacity: true)
            rawResponseTrailers.removeAll(keepingCapacity: true)
            responseStatus = Self.statusCode(line)
            responseHadLocation = false
            isResponseHeadComplete = false
            return length
        }
        if isResponseHeadComplete {
            // Past the head's blank line, header lines are trailers.
            rawResponseTrailers.append(contentsOf: line)
            return length
        }
        if line.count <= 2, line.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) {
            isResponseHeadComplete = true
        }
        rawResponseHeaders.append(contentsOf: line)
        if request.followRedirects == .sameHost, (300..<400).contains(responseStatus), !responseHadLocation,
           let location = Self.locationValue(line), !location.isEmpty
        {
            // Only the first Location counts: it is the one curl follows.
            responseHadLocation = true
            if let elsewhere = offHostTarget(of: location) {
                // Refusing the header stops curl before it follows (CURLE_WRITE_ERROR); nothing reaches the other host.
                redirectOffHost = elsewhere
                return 0
            }
        }
        return length
    }

    /// The final response's headers in arrival order, read from the raw lines kept for it.
    func parsedResponseHeaders() -> [(name: String, value: String)] {
        Self.parsedFields(rawResponseHeaders)
    }

    /// The final response's trailers in arrival order.
    func parsedResponseTrailers() -> [(name: String, value: String)] {
        Self.parsedFields(rawResponseTrailers)
    }

    /// `Name: value` lines (CR LF or LF ended, obsolete folding joined) as fields in order.
    private static func parsedFields(_ raw: [UInt8]) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        for rawLine in raw.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let line = text(rawLine)
            guard !line.isEmpty else { continue }
            if line.first == " " || line.first == "\t", let last = headers.indices.last {
                // Obsolete line folding continues the previous header's value.
                let continuation = line.trimmingSpacesAndTabs
                headers[last].value += headers[last].value.isEmpty ? String(continuation) : " \(continuation)"
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpacesAndTabs
            let value = line[line.index(after: colon)...].trimmingSpacesAndTabs
            headers.append((name: String(name), value: String(value)))
        }
        return headers
    }

    private static func isStatusLine(_ line: UnsafeRawBufferPointer) -> Bool {
        line.count >= 5 && line[0] == 0x48 && line[1] == 0x54 && line[2] == 0x54 && line[3] == 0x50 && line[4] == 0x2F
    }

    /// The three digits after `HTTP/x.y `, 0 if the line has none.
    private static func statusCode(_ line: UnsafeRawBufferPointer) -> Int {
        let fields = text(line).split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard fields.count >= 2, fields[1].count == 3 else { return 0 }
        return Int(fields[1]) ?? 0
    }

    /// The trimmed value when `line` is a `Location:` header (any case), else `nil`.
    private static func locationValue(_ line: UnsafeRawBufferPointer) -> String? {
        let name = Array("location:".utf8)
        guard line.count >= name.count else { return nil }
        for (index, byte) in name.enumerated() where line[index] | 0x20 != byte {
            // `| 0x20` lower-cases letters and leaves ':' alone.
            return nil
        }
        return String(text(UnsafeRawBufferPointer(rebasing: line[name.count...])).trimmingSpacesAndTabs)
    }

    /// The line without its CR LF, decoded leniently: servers do send Latin-1 and junk in headers.
    private static func text<Bytes: Collection>(_ bytes: Bytes) -> Substring where Bytes.Element == UInt8, Bytes.Index == Int {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D {
            end -= 1
        }
        return Substring(String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self))
    }
}
