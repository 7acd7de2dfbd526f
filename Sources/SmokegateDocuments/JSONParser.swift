/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Iterative rather than recursive: containers live on an explicit stack, so hostile nesting is
/// bounded by `maximumDepth` and never by the thread's stack size.
struct JSONParser {
    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var index = 0

    /// One open array or object; an array uses `elements`, an object `entries` and `pendingKey`.
    private struct Container {
        let isObject: Bool
        var elements: [JSONValue] = []
        var entries: [(key: String, value: JSONValue)] = []
        var pendingKey = ""
    }

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw JSONParseError(
                code: .trailingData, offset: index,
                message: "unexpected \(describe(bytes[index])) after the JSON value")
        }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var containers: [Container] = []
        while true {
            // Read the start of a value; containers that open here loop back for their first member.
            skipWhitespace()
            guard index < bytes.count else { throw endOfInput("expected a value") }
            var value: JSONValue
            switch bytes[index] {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let isObject = bytes[index] == UInt8(ascii: "{")
                if containers.count >= maximumDepth {
                    throw JSONParseError(
                        code: .nestingTooDeep, offset: index,
                        message: "arrays and objects nested deeper than \(maximumDepth) levels")
                }
                index += 1
                skipWhitespace()
                let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if index < bytes.count, bytes[index] == closer {
                    index += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    var container = Container(isObject: isObject)
                    if isObject { container.pendingKey = try parseMemberName() }
                    containers.append(container)
                    continue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            default:
                throw unexpected("expected a value")
            }
            // Hand the finished value to its container; closing containers finish more values.
            while true {
                guard !containers.isEmpty else { return value }
                let top = containers.count - 1
                skipWhitespace()
                if containers[top].isObject {
                    containers[top].entries.append((containers[top].pendingKey, value))
                } else {
                    containers[top].elements.append(value)
                }
                let closer = containers[top].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard index < bytes.count else {
                    throw endOfInput("expected ',' or '\(Character(Unicode.Scalar(closer)))'")
                }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    if containers[top].isObject { containers[top].pendingKey = try parseMemberName() }
                    break
                }
                guard bytes[index] == closer else {
                    let what = containers[top].isObject ? "object member" : "array element"
                    throw unexpected("expected ',' or '\(Character(Unicode.Scalar(closer)))' after \(what)")
                }
                index += 1
                let finished = containers.removeLast()
                value = finished.isObject ? .object(JSONObject(finished.entries)) : .array(finished.elements)
            }
        }
    }

    /// Reads `"name"` and the `:` after it.
    private mutating func parseMemberName() throws(JSONParseError) -> String {
        skipWhitespace()
        guard index < bytes.count else { throw endOfInput("expected a string as object key") }
        guard bytes[index] == UInt8(ascii: "\"") else { throw unexpected("expected a string as object key") }
        let name = try parseString()
        skipWhitespace()
        guard index < bytes.count else { throw endOfInput("expected ':' after object key") }
        guard bytes[index] == UInt8(ascii: ":") else { throw unexpected("expected ':' after object key") }
        index += 1
        return name
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let openingQuote = index
        index += 1
        var runStart = index
        // Only strings with escapes need a copy; the rest decode straight from the input.
        var hasEscapes = false
        var unescaped: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw endOfInput("unterminated string starting at byte \(openingQuote)")
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                guard hasEscapes else {
                    return String(decoding: bytes[runStart..<index], as: UTF8.self)
                }
                unescaped.append(contentsOf: bytes[runStart..<index])
                return String(decoding: unescaped, as: UTF8.self)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                unescaped.append(contentsOf: bytes[runStart..<index])
                let scalar = try parseEscape()
                UTF8.encode(scalar) { unescaped.append($0) }
                runStart = index
            case 0x00..<0x20:
                let hex = String(byte, radix: 16, uppercase: true)
                throw JSONParseError(
                    code: .invalidString, offset: index,
                    message: "control character U+\(hex.count == 1 ? "000" : "00")\(hex) must be escaped in a string")
            case 0x20..<0x80:
                index += 1
            default:
                try skipUTF8Sequence()
            }
        }
    }

    /// Reads one escape at `index` (the backslash), joining a surrogate pair into one scalar.
    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard index < bytes.count else { throw endOfInput("unterminated escape sequence") }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): break
        default:
            throw JSONParseError(
                code: .invalidEscape, offset: start,
                message: "invalid escape '\\\(describeBare(letter))' in string")
        }
        let unit = try parseHex4(escapeStart: start)
        switch unit {
        case 0xD800...0xDBFF:
            let lowStart = index
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else {
                throw JSONParseError(
                    code: .invalidEscape, offset: start,
                    message: "high surrogate \\u\(hex4(unit)) is not followed by a low surrogate escape")
            }
            index += 2
            let low = try parseHex4(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONParseError(
                    code: .invalidEscape, offset: lowStart,
                    message: "\\u\(hex4(low)) after high surrogate \\u\(hex4(unit)) is not a low surrogate")
            }
            let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            // Always valid: the range is U+10000...U+10FFFF by construction.
            return Unicode.Scalar(combined) ?? "\u{FFFD}"
        case 0xDC00...0xDFFF:
            throw JSONParseError(
                code: .invalidEscape, offset: start,
                message: "low surrogate \\u\(hex4(unit)) without a preceding high surrogate")
        default:
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw endOfInput("unterminated \\u escape") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw JSONParseError(
                    code: .invalidEscape, offset: index,
                    message: "expected 4 hex digits after \\u (escape at byte \(escapeStart))")
            }
            result = result << 4 | UInt32(digit)
            index += 1
        }
        return result
    }

    /// Checks one multi-byte UTF-8 sequence at `index` (Unicode Table 3-7) and steps over it.
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default:
            throw JSONParseError(
                code: .invalidUTF8, offset: index,
                message: "byte 0x\(String(lead, radix: 16, uppercase: true)) cannot start a UTF-8 sequence")
        }
        for position in 1..<length {
            let offset = index + position
            guard offset < bytes.count else { throw endOfInput("truncated UTF-8 sequence") }
            let allowed = position == 1 ? secondRange : 0x80...0xBF
            guard allowed.contains(bytes[offset]) else {
                throw JSONParseError(
                    code: .invalidUTF8, offset: offset,
                    message: "invalid UTF-8 sequence (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))")
            }
        }
        index += length
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            guard index < bytes.count else { throw endOfInput("expected a digit after '-'") }
            guard bytes[index].isASCIIDigit else { throw invalidNumber("expected a digit after '-'") }
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, bytes[index].isASCIIDigit {
                throw invalidNumber("leading zeros are not allowed in numbers")
            }
        } else {
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count else { throw endOfInput("expected a digit after '.'") }
            guard bytes[index].isASCIIDigit else { throw invalidNumber("expected a digit after '.'") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count else { throw endOfInput("expected a digit in the exponent") }
            guard bytes[index].isASCIIDigit else { throw invalidNumber("expected a digit in the exponent") }
            skipDigits()
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(literal) else {
            throw JSONParseError(code: .invalidNumber, offset: start, message: "number '\(literal)' is out of range")
        }
        return JSONNumber(validatedLiteral: literal, value: value)
    }

    private mutating func skipDigits() {
        while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard index < bytes.count else { throw endOfInput("expected '\(word)'") }
            guard bytes[index] == byte else { throw unexpected("expected '\(word)'") }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func endOfInput(_ expectation: String) -> JSONParseError {
        JSONParseError(code: .unexpectedEndOfInput, offset: bytes.count, message: "unexpected end of input, \(expectation)")
    }

    private func unexpected(_ expectation: String) -> JSONParseError {
        JSONParseError(
            code: .unexpectedCharacter, offset: index,
            message: "unexpected \(describe(bytes[index])), \(expectation)")
    }

    private func invalidNumber(_ message: String) -> JSONParseError {
        JSONParseError(code: .invalidNumber, offset: index, message: message)
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "character '\(describeBare(byte))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private func describeBare(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? String(Character(Unicode.Scalar(byte))) : "\\x\(String(byte, radix: 16))"
    }

    private func hex4(_ unit: UInt32) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
