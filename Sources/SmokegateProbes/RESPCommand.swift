import NIOCore

/// A command on its way to Redis with the promise its reply fulfils.
struct RESPCommand: Sendable {
    var bytes: ByteBuffer
    var reply: EventLoopPromise<RESPValue>

    init(_ arguments: [String], reply: EventLoopPromise<RESPValue>) {
        self.bytes = ByteBuffer(bytes: Self.encode(arguments))
        self.reply = reply
    }

    /// The RESP2 encoding of a command: an array of bulk strings, the only form servers accept from clients.
    static func encode(_ arguments: [String]) -> [UInt8] {
        var bytes = Array("*\(arguments.count)\r\n".utf8)
        for argument in arguments {
            let utf8 = Array(argument.utf8)
            bytes.append(contentsOf: "$\(utf8.count)\r\n".utf8)
            bytes.append(contentsOf: utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        return bytes
    }
}
