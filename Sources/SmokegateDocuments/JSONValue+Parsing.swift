extension JSONValue {
    /// The largest number of arrays and objects that may enclose a value.
    public static let maximumNestingDepth = 512

    /// Parses a complete JSON text (RFC 8259) from UTF-8 bytes.
    ///
    /// Strict: no comments, trailing commas, single quotes, leading zeros, `NaN`, raw control
    /// characters in strings, unpaired surrogate escapes or malformed UTF-8. A leading UTF-8 byte
    /// order mark is skipped, as RFC 8259 allows. Nesting deeper than
    /// ``maximumNestingDepth`` is an error rather than a stack overflow.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maximumDepth: maximumNestingDepth)
        return try parser.parseDocument()
    }
}
