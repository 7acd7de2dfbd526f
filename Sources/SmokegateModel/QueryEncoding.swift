import SmokegateDocuments

/// Percent-encoding for the parts of a request built from configured values: query fields, form bodies, and
/// captured values inserted into a URL.
public enum QueryEncoding {
    /// RFC 3986 unreserved characters stay, every other byte of the UTF-8 is `%XX`: a query name or value.
    public static func component(_ text: String) -> String {
        encode(text) { isUnreserved($0) }
    }

    /// `application/x-www-form-urlencoded` as browsers write it (WHATWG URL): a space is `+`, and `*-._` and
    /// alphanumerics stay.
    public static func form(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") {
                result += "+"
            } else if isAlphanumeric(byte) || "*-._".utf8.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += percent(byte)
            }
        }
        return result
    }

    /// A value placed into a URL as written: the characters a URL cannot hold (spaces, controls, non-ASCII, quotes,
    /// `<>\^`{|}`) are encoded; `/`, `?`, `&` and the rest keep their meaning.
    public static func url(_ text: String) -> String {
        encode(text) { byte in byte > 0x20 && byte < 0x7F && !"\"<>\\^`{|}".utf8.contains(byte) }
    }

    /// `text` as the content of a JSON string: written as JSON writes a string, without its quotes.
    public static func jsonString(_ text: String) -> String {
        String(JSONValue.string(text).compactText.dropFirst().dropLast())
    }

    private static func encode(_ text: String, keeping keep: (UInt8) -> Bool) -> String {
        var result = ""
        for byte in text.utf8 {
            if keep(byte) { result.unicodeScalars.append(Unicode.Scalar(byte)) } else { result += percent(byte) }
        }
        return result
    }

    private static func percent(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "-._~".utf8.contains(byte)
    }
}
