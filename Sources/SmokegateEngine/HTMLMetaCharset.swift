/// The charset an HTML document declares in a `<meta>` tag near its start (the HTML prescan, simplified).
///
/// Looks at the first 1024 bytes, as browsers do, for `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`. Only ASCII matters there, whatever the charset.
enum HTMLMetaCharset {
    static func find(in body: [UInt8]) -> String? {
        let head = String(decoding: body.prefix(1024).map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self).lowercased()
        var rest = head[...]
        while let open = rest.range(of: "<meta") {
            let tag = rest[open.upperBound...].prefix { $0 != ">" }
            if let value = attribute("charset", in: tag) { return value }
            if let content = attribute("content", in: tag), let value = BodyCharset.parameter(named: "charset")("x;" + content) {
                return value
            }
            rest = rest[open.upperBound...]
        }
        return nil
    }

    /// The value of `name=value`, `name="value"` or `name='value'` inside a tag.
    private static func attribute(_ name: String, in tag: Substring) -> String? {
        var search = tag
        while let found = search.range(of: name) {
            let before = search[..<found.lowerBound].last
            var after = search[found.upperBound...].drop { $0 == " " }
            search = search[found.upperBound...]
            guard before == nil || before == " " || before == "\"" || before == "'" || before == "\t" || before == "\n",
                  after.first == "=" else { continue }
            after = after.dropFirst().drop { $0 == " " }
            if let quote = after.first, quote == "\"" || quote == "'" {
                let value = after.dropFirst().prefix { $0 != quote }
                return value.isEmpty ? nil : String(value)
            }
            let value = after.prefix { !" /;\"'\t\n".contains($0) }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }
}
