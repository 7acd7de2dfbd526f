/// A RESP2 reply.
public indirect enum RESPValue: Sendable, Hashable {
    /// `+OK`: a status line.
    case simpleString(String)
    /// `-ERR …`: the server refused the command; the text after `-`.
    case error(String)
    /// `:42`.
    case integer(Int64)
    /// `$n` followed by n bytes; `nil` is the null bulk string (`$-1`).
    case bulkString([UInt8]?)
    /// `*n` followed by n values; `nil` is the null array (`*-1`).
    case array([RESPValue]?)

    /// The reply as expectations read it.
    ///
    /// Simple and bulk strings are their UTF-8 text, integers their digits, arrays their elements'
    /// texts joined by `"\n"`, null values the empty string and errors their message.
    public var text: String {
        switch self {
        case .simpleString(let string), .error(let string):
            string
        case .integer(let value):
            String(value)
        case .bulkString(let bytes):
            String(decoding: bytes ?? [], as: UTF8.self)
        case .array(let values):
            (values ?? []).map(\.text).joined(separator: "\n")
        }
    }
}
