import Testing

@testable import SmokegateDocuments

@Suite("JSON parser")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    private func failure(_ text: String) -> JSONParseError? {
        failure(bytes: Array(text.utf8))
    }

    private func failure(bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONValue.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesScalars() throws {
        #expect(try parse("null") == .null)
        #expect(try parse(" true ") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("\"UP\"") == .string("UP"))
        #expect(try parse("1") == .number(1))
        #expect(try parse("-0.5e3") == .number(-500))
        #expect(try parse("\t\r\n 42 \n") == .number(42))
    }

    @Test func keepsNumberLiteralsAndComparesExactly() throws {
        let value = try parse("[1.0, 12345678901234567890, 12345678901234567891, 1E2, -0]")
        guard case .array(let elements) = value, elements.count == 5 else {
            Issue.record("expected a five-element array")
            return
        }
        #expect(elements[0].numberValue?.literal == "1.0")
        #expect(elements[0].numberValue?.value == 1)
        #expect(elements[0] == .number(1))
        // Same Double, different decimal values: the literal keeps them apart.
        #expect(elements[1].numberValue?.value == elements[2].numberValue?.value)
        #expect(elements[1] != elements[2])
        #expect(elements[3] == .number(100))
        #expect(elements[4] == .number(0))
        #expect(value.compactText == "[1.0,12345678901234567890,12345678901234567891,1E2,-0]")
        #expect(try parse("1e400").numberValue?.value == .infinity)
        #expect(try parse("-1.5").numberValue! < JSONNumber(-1.25))
        #expect(JSONNumber(literal: "01") == nil)
        #expect(JSONNumber(literal: "2.50")?.value == 2.5)
        #expect(JSONNumber(200.0).literal == "200")
        #expect(JSONNumber(0.1).literal == "0.1")
    }

    @Test func parsesContainersInOrder() throws {
        let value = try parse(#"{"b": [1, {"c": null}], "a": "x", "": {}, "e": []}"#)
        guard case .object(let object) = value else {
            Issue.record("expected an object")
            return
        }
        #expect(object.keys == ["b", "a", "", "e"])
        #expect(object["a"] == .string("x"))
        #expect(object[""] == .object(JSONObject()))
        #expect(object["missing"] == nil)
        #expect(value.compactText == #"{"b":[1,{"c":null}],"a":"x","":{},"e":[]}"#)
        #expect(value.count == 4)
        #expect(value.typeName == "object")
    }

    @Test func objectEqualityIgnoresOrderAndDuplicatesSeeTheLastValue() throws {
        let first = try parse(#"{"a": 1, "b": 2}"#)
        let second = try parse(#"{"b": 2.0, "a": 1}"#)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(Set([first, second]).count == 1)
        let duplicated = try parse(#"{"a": 1, "a": 2}"#)
        guard case .object(let object) = duplicated else { return }
        #expect(object.count == 2)
        #expect(object["a"] == .number(2))
    }

    @Test func decodesEscapesAndUnicode() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try parse(#""\u00e9\u20AC""#) == .string("é€"))
        #expect(try parse(#""\uD83D\uDE00 smile""#) == .string("😀 smile"))
        #expect(try parse("\"raw é € 😀\"") == .string("raw é € 😀"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try parse("\u{FEFF}[1]") == .array([.number(1)]))
        #expect(try parse(#""😀""#).count == 1)
    }

    @Test func serialisesStringsSafely() {
        let value = JSONValue.array([.string("q\"b\\n\n\u{1}"), .bool(true), .null, .number(JSONNumber(2.5))])
        #expect(value.compactText == #"["q\"b\\n\n\u0001",true,null,2.5]"#)
    }

    @Test(arguments: [
        ("", JSONParseError.Code.unexpectedEndOfInput, 0),
        ("   ", .unexpectedEndOfInput, 3),
        ("[1,2", .unexpectedEndOfInput, 4),
        ("[1,]", .unexpectedCharacter, 3),
        ("[1 2]", .unexpectedCharacter, 3),
        ("{\"a\" 1}", .unexpectedCharacter, 5),
        ("{\"a\":1,}", .unexpectedCharacter, 7),
        ("{a:1}", .unexpectedCharacter, 1),
        ("{'a':1}", .unexpectedCharacter, 1),
        ("[1] x", .trailingData, 4),
        ("1 2", .trailingData, 2),
        ("01", .invalidNumber, 1),
        ("-", .unexpectedEndOfInput, 1),
        ("-a", .invalidNumber, 1),
        ("1.", .unexpectedEndOfInput, 2),
        ("1.e5", .invalidNumber, 2),
        ("1e+", .unexpectedEndOfInput, 3),
        ("+1", .unexpectedCharacter, 0),
        (".5", .unexpectedCharacter, 0),
        ("NaN", .unexpectedCharacter, 0),
        ("tru", .unexpectedEndOfInput, 3),
        ("trUe", .unexpectedCharacter, 2),
        ("nul", .unexpectedEndOfInput, 3),
        ("\"abc", .unexpectedEndOfInput, 4),
        ("\"a\tb\"", .invalidString, 2),
        ("\"a\nb\"", .invalidString, 2),
        (#""\x""#, .invalidEscape, 1),
        (#""\u12G4""#, .invalidEscape, 5),
        (#""\uD83D""#, .invalidEscape, 1),
        (#""\uD83Dx""#, .invalidEscape, 1),
        (#""\uD83D\u0041""#, .invalidEscape, 7),
        (#""\uDE00""#, .invalidEscape, 1),
        ("// comment\n1", .unexpectedCharacter, 0),
        ("[1] // c", .trailingData, 4),
    ])
    func rejectsInvalidInput(text: String, code: JSONParseError.Code, offset: Int) {
        let error = failure(text)
        #expect(error?.code == code, "\(text)")
        #expect(error?.offset == offset, "\(text): \(String(describing: error))")
    }

    @Test func rejectsMalformedUTF8WithOffset() {
        let cases: [([UInt8], Int)] = [
            ([0x22, 0x61, 0xFF, 0x22], 2),  // never valid
            ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong '/'
            ([0x22, 0xE0, 0x80, 0xAF, 0x22], 2),  // overlong three-byte
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 2),  // UTF-8 encoded surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 2),  // beyond U+10FFFF
            ([0x22, 0xC3, 0x22], 2),  // truncated before the quote
        ]
        for (bytes, offset) in cases {
            let error = failure(bytes: bytes)
            #expect(error?.code == .invalidUTF8, "\(bytes)")
            #expect(error?.offset == offset, "\(bytes)")
        }
        #expect(failure(bytes: [0x22, 0xE2, 0x82])?.code == .unexpectedEndOfInput)
        #expect(failure(bytes: [0xC3, 0xA9])?.code == .unexpectedCharacter)
    }

    @Test func errorDescriptionNamesTheOffset() {
        let error = failure(#"{"a" 1}"#)
        #expect(error?.description == "invalid JSON at byte 5: unexpected character '1', expected ':' after object key")
    }

    @Test func limitsNestingDepth() throws {
        let allowed = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try parse(allowed).count == 1)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = failure(tooDeep)
        #expect(error?.code == .nestingTooDeep)
        #expect(error?.offset == 512)
        let hostile = String(repeating: "{\"a\":[", count: 100_000)
        #expect(failure(hostile)?.code == .nestingTooDeep)
    }

    @Test func parsesBigDocuments() throws {
        var text = "["
        for index in 0..<50_000 {
            if index > 0 { text += "," }
            text += #"{"id":\#(index),"name":"item \#(index)","price":\#(Double(index) / 4),"tags":["a","b\n"],"ok":true}"#
        }
        text += "]"
        let value = try parse(text)
        #expect(value.count == 50_000)
        guard case .array(let elements) = value else { return }
        #expect(elements[49_999] == .object(JSONObject([
            ("id", .number(49_999)), ("name", .string("item 49999")), ("price", .number(JSONNumber(12_499.75))),
            ("tags", .array([.string("a"), .string("b\n")])), ("ok", .bool(true)),
        ])))
        let long = String(repeating: "x", count: 1_000_000)
        #expect(try parse("\"\(long)\"").count == 1_000_000)
    }

    @Test func matchesConfigValues() throws {
        #expect(try parse("1.0").matches(.number(1)))
        #expect(try parse("100").matches(.number(JSONNumber(1e2))))
        #expect(!(try parse("\"1\"").matches(.number(1))))
        #expect(try parse("\"UP\"").matches(.string("UP")))
        #expect(!(try parse("\"up\"").matches(.string("UP"))))
        #expect(try parse("null").matches(.null))
        #expect(!(try parse("false").matches(.null)))
        #expect(try parse("[1, 2.0]").matches(.array([.number(1), .number(2)])))
        #expect(!(try parse("[2, 1]").matches(.array([.number(1), .number(2)]))))
        #expect(try parse(#"{"b": 2, "a": 1}"#).matches(.object(JSONObject([("a", .number(1)), ("b", .number(2))]))))
        #expect(!(try parse(#"{"a": 1}"#).matches(.object(JSONObject([("a", .number(1)), ("b", .number(2))])))))
        // Precomposed and decomposed é are canonically equal but not the same string of scalars.
        #expect(!(JSONValue.string("\u{E9}").matches(.string("e\u{301}"))))
    }

    @Test func describesTypesAndCounts() throws {
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.bool(true).typeName == "boolean")
        #expect(JSONValue.number(1).typeName == "number")
        #expect(JSONValue.string("é").count == 1)
        #expect(JSONValue.number(1).count == nil)
        #expect(try parse("[1,[2,3]]").count == 2)
    }
}
