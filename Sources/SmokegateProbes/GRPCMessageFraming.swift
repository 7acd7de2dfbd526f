/// gRPC's length-prefixed messages: a compressed flag, a 4-byte big-endian length, the message
/// (PROTOCOL-HTTP2.md, "Length-Prefixed-Message").
enum GRPCMessageFraming {
    /// Why a body is not the one message a unary call returns.
    struct DecodingError: Error, Equatable {
        let message: String
    }

    /// One uncompressed message with its prefix.
    static func frame(_ message: [UInt8]) -> [UInt8] {
        let length = UInt32(message.count)
        return [0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + message
    }

    /// The single message of a unary response body.
    ///
    /// - Throws: when the body is empty, cut, holds more than one message, or the message is compressed (the
    ///   probe asks for none, so a server that compresses anyway is not answering the request it got).
    static func singleMessage(in body: [UInt8]) throws(DecodingError) -> [UInt8] {
        guard body.count >= 5 else {
            throw DecodingError(message: body.isEmpty
                ? "the response has no message" : "the response's \(body.count) bytes are shorter than a message prefix")
        }
        let length = Int(body[1]) << 24 | Int(body[2]) << 16 | Int(body[3]) << 8 | Int(body[4])
        guard body[0] == 0 else {
            throw DecodingError(message: "the response message is compressed (flag \(body[0])), though none was asked for")
        }
        guard body.count - 5 >= length else {
            throw DecodingError(message: "the response message says \(length) bytes but \(body.count - 5) arrived")
        }
        guard body.count - 5 == length else {
            throw DecodingError(message: "\(body.count - 5 - length) bytes follow the response message of a unary call")
        }
        return Array(body[5...])
    }
}
