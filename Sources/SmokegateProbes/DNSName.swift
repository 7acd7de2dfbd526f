/// Domain names on the wire (RFC 1035 §3.1, §4.1.4) and as text, escaped the way `dig` prints them.
enum DNSName {
    /// The longest name on the wire, length bytes and root label included.
    static let maxWireLength = 255
    /// The longest label.
    static let maxLabelLength = 63
    /// A name that needs more compression pointers than this is hostile, whatever its length.
    private static let maxPointers = 64

    /// The uncompressed wire form of `text` (`www.example.com` or `www.example.com.`; `.` is the root).
    ///
    /// - Throws: a sentence saying what is wrong: an empty or over-long label, a name over 255 bytes, or
    ///   characters that need IDNA (write the `xn--` form) or escaping (not supported in a query name).
    static func wire(_ text: String) throws(ProbeFailure) -> [UInt8] {
        func invalid(_ why: String) -> ProbeFailure {
            ProbeFailure(.invalidRequest, "\"\(text)\" is not a DNS name: \(why).")
        }
        if text == "." { return [0] }
        guard !text.isEmpty else { throw invalid("it is empty") }
        guard text.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            throw invalid("write an internationalized name in its ASCII (xn--) form")
        }
        guard !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) else {
            throw invalid("it contains a space, a control character or a backslash")
        }
        let body = text.hasSuffix(".") ? Substring(text.dropLast()) : Substring(text)
        var bytes: [UInt8] = []
        for label in body.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty else { throw invalid("it has an empty label") }
            guard label.utf8.count <= maxLabelLength else {
                throw invalid("the label \"\(label)\" is longer than \(maxLabelLength) bytes")
            }
            bytes.append(UInt8(label.utf8.count))
            bytes.append(contentsOf: label.utf8)
        }
        bytes.append(0)
        guard bytes.count <= maxWireLength else { throw invalid("it is longer than \(maxWireLength) bytes") }
        return bytes
    }

    /// Reads the (possibly compressed) name at `start` of `message`.
    ///
    /// Returns its labels as sent (case kept) and the offset just after the name where it starts (after
    /// the first pointer when compressed). Pointers must lead strictly backwards, below every offset this name
    /// has visited, so a loop is impossible; a name over 255 bytes fails.
    static func read(_ message: [UInt8], at start: Int) throws(DNSWireError) -> (labels: [[UInt8]], end: Int) {
        var labels: [[UInt8]] = []
        var position = start
        var lowestVisited = start
        var end: Int?
        var wireLength = 1
        var pointers = 0
        while true {
            guard position < message.count else { throw DNSWireError("a name at offset \(start) runs past the end") }
            let length = Int(message[position])
            switch length & 0xC0 {
            case 0x00:
                if length == 0 {
                    return (labels, end ?? position + 1)
                }
                guard position + 1 + length <= message.count else {
                    throw DNSWireError("a label at offset \(position) runs past the end")
                }
                wireLength += length + 1
                guard wireLength <= maxWireLength else {
                    throw DNSWireError("the name at offset \(start) is longer than \(maxWireLength) bytes")
                }
                labels.append(Array(message[(position + 1)..<(position + 1 + length)]))
                position += 1 + length
            case 0xC0:
                guard position + 1 < message.count else { throw DNSWireError("a pointer at offset \(position) is cut off") }
                let target = (length & 0x3F) << 8 | Int(message[position + 1])
                pointers += 1
                guard target < lowestVisited, pointers <= maxPointers else {
                    throw DNSWireError("the compression pointer at offset \(position) does not lead backwards (to \(target))")
                }
                end = end ?? position + 2
                lowestVisited = target
                position = target
            default:
                throw DNSWireError("offset \(position) has an unknown label type 0x\(String(length, radix: 16))")
            }
        }
    }

    /// `www.example.com.`, with a trailing dot; `.` for the root. Bytes a zone file cannot show plainly are
    /// escaped as `dig` does: `\.`, `\"`… before special characters, `\DDD` for the rest.
    static func text(_ labels: [[UInt8]]) -> String {
        guard !labels.isEmpty else { return "." }
        var text = ""
        for label in labels {
            for byte in label {
                appendEscaped(byte, to: &text, specials: Self.specials)
            }
            text += "."
        }
        return text
    }

    /// The characters BIND escapes with a backslash in names; a space is among them, so it becomes `\032`.
    private static let specials: Set<UInt8> = Set("\"().;\\@$ ".utf8)

    /// Appends one byte of a name or character-string: printable ASCII as is (after a backslash when special),
    /// a space as is unless special, anything else as `\DDD`.
    static func appendEscaped(_ byte: UInt8, to text: inout String, specials: Set<UInt8>) {
        if byte > 0x20 && byte < 0x7F {
            if specials.contains(byte) { text += "\\" }
            text.unicodeScalars.append(Unicode.Scalar(byte))
        } else if byte == 0x20 && !specials.contains(byte) {
            text += " "
        } else {
            let digits = String(byte)
            text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
        }
    }
}
