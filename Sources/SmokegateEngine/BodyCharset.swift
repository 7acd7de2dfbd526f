import Foundation

/// The character encodings a response body is decoded from before text expectations and failure messages see it.
///
/// Labels follow the WHATWG Encoding Standard, as browsers read them: `iso-8859-1`, `latin1` and `us-ascii` mean
/// Windows-1252 (a superset that gives 0x80–0x9F their printable meaning), and a `utf-16` label without a byte order
/// mark means little-endian.
enum BodyCharset: Sendable, Equatable {
    case utf8
    case windows1252
    case utf16LittleEndian
    case utf16BigEndian

    /// Where the charset came from, in order of precedence.
    enum Source: Sendable, Equatable {
        /// A byte order mark at the start of the body.
        case byteOrderMark
        /// The `charset` parameter of `Content-Type`.
        case contentType
        /// An HTML `<meta charset>` (or `http-equiv` Content-Type) near the start of an HTML body.
        case meta
        /// Nothing declared: UTF-8.
        case fallback
    }

    /// A declared charset smokegate cannot decode; the body is not guessed at.
    struct Unknown: Error, Sendable, Equatable {
        /// The label as the response wrote it.
        let label: String
        let source: Source

        /// One sentence for a failure message.
        var message: String {
            let place = source == .meta ? "an HTML <meta> tag" : "Content-Type"
            return "the body's charset \"\(ResponseView.snippet(label, limit: 40))\" (from \(place)) is not one smokegate "
                + "decodes (UTF-8, ISO-8859-1/Windows-1252, US-ASCII, UTF-16), so its text is not judged"
        }
    }

    /// The body's charset: its byte order mark, else Content-Type's `charset`, else (HTML) a `<meta>` charset, else UTF-8.
    static func detect(body: [UInt8], contentType: String?) -> Result<(charset: BodyCharset, source: Source), Unknown> {
        if let bom = byteOrderMark(body) { return .success((bom.charset, .byteOrderMark)) }
        if let label = contentType.flatMap(parameter(named: "charset")) {
            return charset(label: label).map { .success(($0, .contentType)) } ?? .failure(Unknown(label: label, source: .contentType))
        }
        if contentType?.lowercased().contains("html") ?? false, let label = HTMLMetaCharset.find(in: body) {
            return charset(label: label).map { .success(($0, .meta)) } ?? .failure(Unknown(label: label, source: .meta))
        }
        return .success((.utf8, .fallback))
    }

    /// The WHATWG label `label` names, when smokegate decodes it.
    static func charset(label: String) -> BodyCharset? {
        switch label.trimmingCharacters(in: .whitespaces).lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8":
            .utf8
        case "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "iso-ir-100", "latin1", "l1",
             "l1252", "cp819", "ibm819", "csisolatin1", "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii",
             "ansi_x3.4-1968", "iso-ir-6", "iso646-us", "csascii":
            .windows1252
        case "utf-16le", "utf-16", "ucs-2", "unicode", "csunicode", "iso-10646-ucs-2", "unicodefeff":
            .utf16LittleEndian
        case "utf-16be", "unicodefffe":
            .utf16BigEndian
        default:
            nil
        }
    }

    /// The name libxml2 knows this charset by.
    var libxml2Name: String {
        switch self {
        case .utf8: "UTF-8"
        case .windows1252: "windows-1252"
        case .utf16LittleEndian: "UTF-16LE"
        case .utf16BigEndian: "UTF-16BE"
        }
    }

    /// `body` as text; a byte order mark is dropped and bytes that are not valid in the charset become U+FFFD.
    func decode(_ body: [UInt8]) -> String {
        var bytes = body[...]
        if let bom = Self.byteOrderMark(body), bom.charset == self { bytes = bytes.dropFirst(bom.length) }
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            return String(String.UnicodeScalarView(bytes.map(Self.windows1252Scalar)))
        case .utf16LittleEndian, .utf16BigEndian:
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = bytes.startIndex
            while index + 1 < bytes.endIndex {
                let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(self == .utf16LittleEndian ? first | second << 8 : first << 8 | second)
                index += 2
            }
            // A dangling odd byte is not a character.
            return String(decoding: units, as: UTF16.self) + (index < bytes.endIndex ? "\u{FFFD}" : "")
        }
    }

    private static func byteOrderMark(_ body: [UInt8]) -> (charset: BodyCharset, length: Int)? {
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if body.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
        if body.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
        return nil
    }

    /// A parameter of a header value such as `text/plain; charset="iso-8859-1"`, unquoted.
    static func parameter(named name: String) -> (String) -> String? {
        { value in
            for part in value.split(separator: ";").dropFirst() {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
                let raw = pair[1].trimmingCharacters(in: .whitespaces)
                let unquoted = raw.count >= 2 && raw.hasPrefix("\"") && raw.hasSuffix("\"") ? String(raw.dropFirst().dropLast()) : raw
                return unquoted.isEmpty ? nil : unquoted
            }
            return nil
        }
    }

    /// Windows-1252's 0x80–0x9F; the five bytes it leaves undefined map to the C1 control of the same value.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
