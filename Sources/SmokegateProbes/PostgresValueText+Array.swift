import NIOCore

extension PostgresValueText {
    /// The most dimensions PostgreSQL allows (`MAXDIM`).
    private static let maxDimensions: Int32 = 6

    /// An array in the server's text form, `{1,2,NULL}` or `{{a,"b c"},{d,e}}`, with `[l:u]=` bounds when a
    /// dimension does not start at 1; `nil` when the bytes are not a binary array.
    ///
    /// The binary form is the dimension count, a has-nulls flag, the element type, each dimension's length and
    /// lower bound, then every element as a length (-1 for NULL) and its bytes in the element type's binary form.
    static func decodeArray(_ buffer: inout ByteBuffer) -> String? {
        guard let (dimensionCount, flags, elementType) = buffer.readMultipleIntegers(as: (Int32, Int32, UInt32).self),
              (0...maxDimensions).contains(dimensionCount), flags == 0 || flags == 1, elementType != 0
        else { return nil }
        var lengths: [Int] = []
        var lowerBounds: [Int] = []
        for _ in 0..<dimensionCount {
            guard let (length, lowerBound) = buffer.readMultipleIntegers(as: (Int32, Int32).self), length >= 0 else {
                return nil
            }
            lengths.append(Int(length))
            lowerBounds.append(Int(lowerBound))
        }
        if dimensionCount == 0 { return "{}" }
        var total = 1
        for length in lengths {
            let (product, overflow) = total.multipliedReportingOverflow(by: length)
            // Each element takes at least its 4-byte length, which also bounds what a bogus header can allocate.
            guard !overflow, product > 0, product <= buffer.readableBytes / 4 else { return nil }
            total = product
        }
        var elements: [String] = []
        elements.reserveCapacity(total)
        for _ in 0..<total {
            guard let length = buffer.readInteger(as: Int32.self) else { return nil }
            if length == -1 {
                elements.append("NULL")
                continue
            }
            guard length >= 0, let bytes = buffer.readSlice(length: Int(length)) else { return nil }
            elements.append(quoted(render(bytes, oid: elementType)))
        }
        var next = elements.makeIterator()
        let body = nested(lengths[...], next: &next)
        guard lowerBounds.contains(where: { $0 != 1 }) else { return body }
        let bounds = zip(lengths, lowerBounds).map { "[\($1):\($1 + $0 - 1)]" }.joined()
        return bounds + "=" + body
    }

    private static func nested(_ lengths: ArraySlice<Int>, next: inout IndexingIterator<[String]>) -> String {
        guard let length = lengths.first else { return next.next() ?? "" }
        var items: [String] = []
        for _ in 0..<length {
            items.append(nested(lengths.dropFirst(), next: &next))
        }
        return "{" + items.joined(separator: ",") + "}"
    }

    /// An element quoted as `array_out` does: when empty, `NULL`, or holding a delimiter, brace, quote,
    /// backslash or space; quotes and backslashes escaped.
    private static func quoted(_ element: String) -> String {
        let needsQuotes = element.isEmpty
            || element.lowercased() == "null"
            || element.unicodeScalars.contains { "{},\"\\ \t\n\r\u{0B}\u{0C}".unicodeScalars.contains($0) }
        guard needsQuotes else { return element }
        var text = "\""
        for character in element {
            if character == "\"" || character == "\\" { text.append("\\") }
            text.append(character)
        }
        return text + "\""
    }
}
