@testable import SmokegateProbes
import Testing

@Suite struct RESPParserTests {
    private func parseAll(_ text: String) throws -> [RESPValue] {
        var parser = RESPParser()
        parser.append(Array(text.utf8))
        var values: [RESPValue] = []
        while let value = try parser.next() { values.append(value) }
        return values
    }

    private func parseFailure(_ text: String) -> ProbeFailure? {
        var parser = RESPParser()
        parser.append(Array(text.utf8))
        do {
            while try parser.next() != nil {}
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesEveryType() throws {
        let values = try parseAll("+OK\r\n-ERR bad thing\r\n:42\r\n:-7\r\n$5\r\nhello\r\n$0\r\n\r\n$-1\r\n*-1\r\n*0\r\n")
        #expect(values == [
            .simpleString("OK"), .error("ERR bad thing"), .integer(42), .integer(-7),
            .bulkString(Array("hello".utf8)), .bulkString([]), .bulkString(nil), .array(nil), .array([]),
        ])
    }

    @Test func bulkStringsMayHoldAnyBytes() throws {
        let values = try parseAll("$6\r\na\r\nb\0\u{7F}\r\n")
        #expect(values == [.bulkString([0x61, 0x0D, 0x0A, 0x62, 0x00, 0x7F])])
    }

    @Test func parsesNestedArrays() throws {
        let values = try parseAll("*3\r\n*2\r\n:1\r\n$1\r\na\r\n*1\r\n+x\r\n$-1\r\n")
        #expect(values == [
            .array([.array([.integer(1), .bulkString([0x61])]), .array([.simpleString("x")]), .bulkString(nil)]),
        ])
    }

    @Test func reassemblesValuesSplitAcrossManyAppends() throws {
        let stream = "*2\r\n$11\r\nhello world\r\n*1\r\n:123456789\r\n+PONG\r\n-WRONGPASS no\r\n"
        let whole = try parseAll(stream)
        var parser = RESPParser()
        var pieces: [RESPValue] = []
        for byte in stream.utf8 {
            parser.append([byte])
            while let value = try parser.next() { pieces.append(value) }
        }
        #expect(pieces == whole)
        #expect(pieces.count == 3)
    }

    @Test func waitsForTheRestOfAnIncompleteValue() throws {
        var parser = RESPParser()
        parser.append(Array("$10\r\nhello".utf8))
        #expect(try parser.next() == nil)
        #expect(try parser.next() == nil)
        parser.append(Array("world\r\n".utf8))
        #expect(try parser.next() == .bulkString(Array("helloworld".utf8)))
        #expect(try parser.next() == nil)
    }

    @Test(arguments: [
        ("?what\r\n", "unknown type byte"),
        (":12a\r\n", "invalid integer"),
        (":\r\n", "invalid integer"),
        (":99999999999999999999\r\n", "integer"),
        ("$3\r\nabcd\r\n", "not followed by CRLF"),
        ("$-2\r\n", "negative bulk length"),
        ("*-5\r\n", "negative array length"),
        ("$x\r\n", "invalid bulk length"),
        ("+OK\rX", "CR not followed by LF"),
        ("+OK\n", "bare LF"),
    ])
    func rejectsMalformedInput(input: String, complaint: String) throws {
        let failure = try #require(parseFailure(input))
        #expect(failure.reason == .protocol)
        #expect(failure.message.contains(complaint), "\(failure.message)")
    }

    @Test func boundsBulkStrings() throws {
        var parser = RESPParser()
        parser.append(Array("$\(RESPParser.maxBulkLength)\r\n".utf8))
        #expect(try parser.next() == nil, "64 MiB is allowed, it just has not arrived")
        let tooLong = try #require(parseFailure("$\(RESPParser.maxBulkLength + 1)\r\n"))
        #expect(tooLong.reason == .protocol)
        #expect(tooLong.message.contains("64 MiB"))
    }

    @Test func boundsNesting() throws {
        let deepest = String(repeating: "*1\r\n", count: RESPParser.maxDepth) + ":1\r\n"
        let values = try parseAll(deepest)
        #expect(values.count == 1)
        let tooDeep = try #require(parseFailure(String(repeating: "*1\r\n", count: RESPParser.maxDepth + 1) + ":1\r\n"))
        #expect(tooDeep.message.contains("nested deeper"))
    }

    @Test func boundsLinesWithoutCRLF() throws {
        let endless = "+" + String(repeating: "a", count: RESPParser.maxLineLength + 10)
        let failure = try #require(parseFailure(endless))
        #expect(failure.message.contains("line longer"))
    }

    @Test func boundsArraysThatCouldNeverFit() throws {
        let failure = try #require(parseFailure("*999999999999\r\n"))
        #expect(failure.reason == .protocol)
    }

    @Test func textIsHowExpectationsReadReplies() {
        #expect(RESPValue.simpleString("PONG").text == "PONG")
        #expect(RESPValue.error("ERR nope").text == "ERR nope")
        #expect(RESPValue.integer(-12).text == "-12")
        #expect(RESPValue.bulkString(Array("role:master".utf8)).text == "role:master")
        #expect(RESPValue.bulkString(nil).text == "")
        #expect(RESPValue.array(nil).text == "")
        #expect(RESPValue.array([.bulkString(Array("a".utf8)), .integer(2), .array([.simpleString("c")])]).text == "a\n2\nc")
    }

    @Test func commandsAreArraysOfBulkStrings() {
        let bytes = RESPCommand.encode(["SET", "key", "héllo wörld"])
        #expect(String(decoding: bytes, as: UTF8.self) == "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$13\r\nhéllo wörld\r\n")
    }
}
