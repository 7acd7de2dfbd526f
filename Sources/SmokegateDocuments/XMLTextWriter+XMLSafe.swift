extension XMLTextWriter {
    /// Removes what XML 1.0 cannot carry (C0 controls except tab/LF/CR, U+FFFE/U+FFFF; ESC sequences such as "\u{1B}[31m" drop their ESC) — public so others can clean text too.
    ///
    /// Only the forbidden characters go; the rest of an ANSI sequence ("[31m") stays, so the text
    /// still shows where colouring was. Swift strings cannot hold lone surrogates, the other
    /// character class XML 1.0 forbids.
    public static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isForbidden(scalar) {
            cleaned.append(scalar)
        }
        return String(cleaned)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// True for names the XML 1.0 `Name` production accepts; non-ASCII characters are accepted
    /// when they are letters or digits, a slightly narrower set than the standard's.
    static func isXMLName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isNameStart(first) else { return false }
        return name.unicodeScalars.dropFirst().allSatisfy { scalar in
            isNameStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
                || scalar == "\u{B7}" || (scalar.value >= 0x80 && scalar.properties.numericType != nil)
        }
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
        }
        return scalar.properties.isAlphabetic
    }
}
