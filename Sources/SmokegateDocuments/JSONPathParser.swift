/// Compiles JSONPath text into segments.
///
/// Works on `Character`s so error offsets are columns a person can count. Whitespace is allowed
/// inside brackets and filters, nowhere else.
struct JSONPathParser {
    let characters: [Character]
    var index = 0
    /// Filters nest through parentheses and inner paths; the bound keeps recursion shallow.
    var filterDepth = 0
    static let maximumFilterDepth = 64

    init(_ text: String) {
        self.characters = Array(text)
    }

    mutating func parsePath() throws(JSONPathError) -> [JSONPathSegment] {
        guard peek == "$" else {
            throw JSONPathError(code: .missingRoot, offset: 0, message: "a JSONPath starts with '$'")
        }
        index += 1
        let segments = try parseSegments()
        if index < characters.count {
            throw unexpected("expected '.', '..' or '[' after \(segments.isEmpty ? "'$'" : "a segment")")
        }
        return segments
    }

    var peek: Character? {
        index < characters.count ? characters[index] : nil
    }

    func peek(at offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    /// Reads segments until something that cannot start one; the caller decides whether that is an error.
    mutating func parseSegments() throws(JSONPathError) -> [JSONPathSegment] {
        var segments: [JSONPathSegment] = []
        while let character = peek {
            switch character {
            case ".":
                if peek(at: 1) == "." {
                    index += 2
                    if peek == "[" {
                        segments.append(.descendant(try parseBracket()))
                    } else {
                        segments.append(.descendant([try parseDotSelector(after: "'..'")]))
                    }
                } else {
                    index += 1
                    segments.append(.child([try parseDotSelector(after: "'.'")]))
                }
            case "[":
                segments.append(.child(try parseBracket()))
            default:
                return segments
            }
        }
        return segments
    }

    private mutating func parseDotSelector(after prefix: String) throws(JSONPathError) -> JSONPathSelector {
        guard let character = peek else { throw endOfPath("expected a name or '*' after \(prefix)") }
        if character == "*" {
            index += 1
            return .wildcard
        }
        let start = index
        while let next = peek, Self.isNameCharacter(next) { index += 1 }
        guard index > start else { throw unexpected("expected a name or '*' after \(prefix)") }
        return .name(String(characters[start..<index]))
    }

    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isWholeNumber
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        if character == "_" || character == "-" || character.isLetter || character.isNumber { return true }
        guard let scalar = character.unicodeScalars.first else { return false }
        return scalar.value >= 0x80 && !character.isWhitespace
    }

    private mutating func parseBracket() throws(JSONPathError) -> [JSONPathSelector] {
        index += 1
        var selectors: [JSONPathSelector] = []
        while true {
            skipWhitespace()
            let (selector, kind) = try parseBracketSelector()
            selectors.append(selector)
            skipWhitespace()
            guard let character = peek else { throw endOfPath("expected ']' after \(kind)") }
            if character == "]" {
                index += 1
                return selectors
            }
            guard character == "," else { throw unexpected("expected ']' after \(kind)") }
            index += 1
        }
    }

    /// One selector inside brackets, with a word for it to use in the next error message.
    private mutating func parseBracketSelector() throws(JSONPathError) -> (JSONPathSelector, String) {
        guard let character = peek else { throw endOfPath("expected a name, index, slice, '*' or filter after '['") }
        switch character {
        case "'", "\"":
            return (.name(try parseQuoted()), "name")
        case "*":
            index += 1
            return (.wildcard, "'*'")
        case "?":
            index += 1
            skipWhitespace()
            return (.filter(try parseFilter()), "filter")
        case "-", ":", "0"..."9":
            let first = character == ":" ? nil : try parseInteger()
            skipWhitespace()
            guard peek == ":" else {
                // Only reachable with `first` set, since a leading ':' always takes the slice branch.
                return (.index(first ?? 0), "index")
            }
            index += 1
            skipWhitespace()
            let end = try parseOptionalInteger()
            skipWhitespace()
            var step = 1
            if peek == ":" {
                index += 1
                skipWhitespace()
                let stepStart = index
                step = try parseOptionalInteger() ?? 1
                if step == 0 {
                    throw JSONPathError(code: .invalidNumber, offset: stepStart, message: "a slice step cannot be 0")
                }
            }
            return (.slice(start: first, end: end, step: step), "slice")
        default:
            throw unexpected("expected a name, index, slice, '*' or filter after '['")
        }
    }

    private mutating func parseOptionalInteger() throws(JSONPathError) -> Int? {
        guard let character = peek, character == "-" || Self.isDigit(character) else { return nil }
        return try parseInteger()
    }

    private mutating func parseInteger() throws(JSONPathError) -> Int {
        let start = index
        if peek == "-" { index += 1 }
        let digitsStart = index
        while let character = peek, Self.isDigit(character) { index += 1 }
        guard index > digitsStart else {
            throw peek == nil ? endOfPath("expected a digit after '-'") : unexpected("expected a digit after '-'")
        }
        guard let value = Int(String(characters[start..<index])) else {
            throw JSONPathError(code: .invalidNumber, offset: start, message: "index out of range")
        }
        return value
    }

    /// A single- or double-quoted string with JSON-style escapes (plus `\'`).
    mutating func parseQuoted() throws(JSONPathError) -> String {
        let quote = characters[index]
        let start = index
        index += 1
        var result = ""
        while true {
            guard let character = peek else { throw endOfPath("unterminated string starting at character \(start)") }
            index += 1
            if character == quote { return result }
            guard character == "\\" else {
                result.append(character)
                continue
            }
            let escapeStart = index - 1
            guard let escaped = peek else { throw endOfPath("unterminated escape sequence") }
            index += 1
            switch escaped {
            case "'", "\"", "\\", "/": result.append(escaped)
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "u": result.unicodeScalars.append(try parseUnicodeEscape(escapeStart: escapeStart))
            default:
                throw JSONPathError(code: .invalidString, offset: escapeStart, message: "invalid escape '\\\(escaped)'")
            }
        }
    }

    private mutating func parseUnicodeEscape(escapeStart: Int) throws(JSONPathError) -> Unicode.Scalar {
        let unit = try parseHex4(escapeStart: escapeStart)
        if (0xD800...0xDBFF).contains(unit), peek == "\\", peek(at: 1) == "u" {
            index += 2
            let low = try parseHex4(escapeStart: escapeStart)
            if (0xDC00...0xDFFF).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            {
                return scalar
            }
        }
        guard let scalar = Unicode.Scalar(unit) else {
            throw JSONPathError(code: .invalidString, offset: escapeStart, message: "unpaired surrogate in \\u escape")
        }
        return scalar
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONPathError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let character = peek else { throw endOfPath("expected 4 hex digits after \\u") }
            guard let digit = character.hexDigitValue, character.isASCII else {
                throw JSONPathError(code: .invalidString, offset: index, message: "expected 4 hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    mutating func skipWhitespace() {
        while let character = peek, character == " " || character == "\t" || character == "\n" || character == "\r" {
            index += 1
        }
    }

    func unexpected(_ expectation: String) -> JSONPathError {
        guard let character = peek else { return endOfPath(expectation) }
        return JSONPathError(code: .unexpectedCharacter, offset: index, message: "\(expectation), found '\(character)'")
    }

    func endOfPath(_ expectation: String) -> JSONPathError {
        JSONPathError(code: .unexpectedEnd, offset: characters.count, message: "\(expectation), found end of path")
    }
}
