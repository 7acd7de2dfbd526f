/// Incremental RESP2 parser: feed bytes as they arrive, take complete values.
///
/// Rejects malformed input with a `protocol` failure and bounds what a hostile or broken server can make it hold:
/// a bulk string is at most 64 MiB, nesting at most 32 arrays deep, a status / error / integer line at most 64 KiB,
/// and one reply at most 128 MiB.
public struct RESPParser: Sendable {
    /// The largest bulk string accepted, as Redis' own `proto-max-bulk-len` default is 512 MiB but a probe needs far less.
    public static let maxBulkLength = 64 << 20
    /// The deepest array nesting accepted; real replies (`INFO`, `CLUSTER SLOTS`) nest two or three levels.
    public static let maxDepth = 32
    /// The longest `+`, `-` or `:` line accepted, so a server that never sends CRLF cannot grow the buffer forever.
    public static let maxLineLength = 64 << 10
    /// The most bytes one unfinished reply may hold, so a huge array of bulks cannot exhaust memory either.
    public static let maxReplyBytes = 128 << 20

    private var buffer: [UInt8] = []
    private var readIndex = 0

    public init() {}

    /// Adds bytes received from the server.
    public mutating func append(_ bytes: [UInt8]) {
        // Dropping consumed bytes only once they dominate keeps appends amortised O(1).
        if readIndex > 0, readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete value, or `nil` when more bytes are needed.
    ///
    /// Throws a `protocol` failure on malformed or oversized input; the parser should then be discarded.
    public mutating func next() throws(ProbeFailure) -> RESPValue? {
        guard readIndex < buffer.count else { return nil }
        switch try parseValue(at: readIndex, depth: 0) {
        case .complete(let value, let end):
            readIndex = end
            return value
        case .incomplete:
            if buffer.count - readIndex > Self.maxReplyBytes {
                throw Self.malformed("a reply larger than \(Self.maxReplyBytes >> 20) MiB")
            }
            return nil
        }
    }

    private enum Step {
        case complete(RESPValue, end: Int)
        case incomplete
    }

    private func parseValue(at start: Int, depth: Int) throws(ProbeFailure) -> Step {
        guard start < buffer.count else { return .incomplete }
        let marker = buffer[start]
        guard let (line, afterLine) = try line(from: start + 1) else { return .incomplete }
        switch marker {
        case UInt8(ascii: "+"):
            return .complete(.simpleString(String(decoding: line, as: UTF8.self)), end: afterLine)
        case UInt8(ascii: "-"):
            return .complete(.error(String(decoding: line, as: UTF8.self)), end: afterLine)
        case UInt8(ascii: ":"):
            return .complete(.integer(try Self.integer(line, what: "integer")), end: afterLine)
        case UInt8(ascii: "$"):
            return try parseBulk(length: Self.integer(line, what: "bulk length"), from: afterLine)
        case UInt8(ascii: "*"):
            return try parseArray(count: Self.integer(line, what: "array length"), from: afterLine, depth: depth)
        default:
            throw Self.malformed("an unknown type byte \(Self.describe(marker))")
        }
    }

    private func parseBulk(length: Int64, from start: Int) throws(ProbeFailure) -> Step {
        if length == -1 { return .complete(.bulkString(nil), end: start) }
        guard length >= 0 else { throw Self.malformed("a negative bulk length \(length)") }
        guard length <= Self.maxBulkLength else {
            throw Self.malformed("a bulk string of \(length) bytes, over the \(Self.maxBulkLength >> 20) MiB limit")
        }
        let end = start + Int(length)
        guard end + 2 <= buffer.count else { return .incomplete }
        guard buffer[end] == 0x0D, buffer[end + 1] == 0x0A else {
            throw Self.malformed("a bulk string not followed by CRLF")
        }
        return .complete(.bulkString(Array(buffer[start..<end])), end: end + 2)
    }

    private func parseArray(count: Int64, from start: Int, depth: Int) throws(ProbeFailure) -> Step {
        if count == -1 { return .complete(.array(nil), end: start) }
        guard count >= 0 else { throw Self.malformed("a negative array length \(count)") }
        guard depth < Self.maxDepth else { throw Self.malformed("arrays nested deeper than \(Self.maxDepth)") }
        // Every element takes at least 3 bytes, so a larger count can never complete within the reply bound.
        guard count <= Int64(Self.maxReplyBytes / 3) else { throw Self.malformed("an array of \(count) elements") }
        var elements: [RESPValue] = []
        elements.reserveCapacity(min(Int(count), 1024))
        var position = start
        for _ in 0..<count {
            switch try parseValue(at: position, depth: depth + 1) {
            case .incomplete:
                return .incomplete
            case .complete(let element, let end):
                elements.append(element)
                position = end
            }
        }
        return .complete(.array(elements), end: position)
    }

    /// The bytes up to the next CRLF and the index after it, or `nil` when the line is not complete yet.
    private func line(from start: Int) throws(ProbeFailure) -> (ArraySlice<UInt8>, Int)? {
        var index = start
        while index < buffer.count {
            switch buffer[index] {
            case 0x0D:
                guard index + 1 < buffer.count else { return nil }
                guard buffer[index + 1] == 0x0A else { throw Self.malformed("a CR not followed by LF") }
                return (buffer[start..<index], index + 2)
            case 0x0A:
                throw Self.malformed("a bare LF inside a line")
            default:
                index += 1
            }
            if index - start > Self.maxLineLength {
                throw Self.malformed("a line longer than \(Self.maxLineLength >> 10) KiB")
            }
        }
        return nil
    }

    private static func integer(_ digits: ArraySlice<UInt8>, what: String) throws(ProbeFailure) -> Int64 {
        var remaining = digits[...]
        let negative = remaining.first == UInt8(ascii: "-")
        if negative { remaining = remaining.dropFirst() }
        guard !remaining.isEmpty, remaining.count <= 19 else {
            throw malformed("an invalid \(what) \"\(String(decoding: digits.prefix(40), as: UTF8.self))\"")
        }
        var value: Int64 = 0
        for byte in remaining {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw malformed("an invalid \(what) \"\(String(decoding: digits.prefix(40), as: UTF8.self))\"")
            }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { throw malformed("an out-of-range \(what)") }
            value = sum
        }
        return negative ? -value : value
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "0x" + (hex.count == 1 ? "0" + hex : hex)
    }

    private static func malformed(_ what: String) -> ProbeFailure {
        ProbeFailure(.protocol, "The reply is not valid RESP: \(what).")
    }
}
