import NIOCore
import NIOHTTP1

extension FixtureResponse {
    /// Whether the status may carry a body at all (RFC 9110: not 1xx, 204 or 304).
    var allowsBody: Bool {
        !(100..<200).contains(status) && status != 204 && status != 304
    }

    /// Whether the script itself asked to end the connection after this response.
    var asksToClose: Bool {
        headers.contains { $0.name.lowercased() == "connection" && $0.value.lowercased().contains("close") }
    }

    /// The status line and headers, with `Content-Length` and `Connection` added when the script left them out.
    ///
    /// Encoded by hand rather than through NIO's HTTP encoder because the misbehaving cases must
    /// write raw bytes on the same pipeline, and a hand-built head is also the cheapest path.
    func encodedHead(keepAlive: Bool, isHTTP10: Bool, allocator: ByteBufferAllocator, extraCapacity: Int) -> ByteBuffer
    {
        var hasLength = false
        var hasConnection = false
        for header in headers {
            switch header.name.lowercased() {
            case "content-length", "transfer-encoding": hasLength = true
            case "connection": hasConnection = true
            default: break
            }
        }
        var buffer = allocator.buffer(capacity: 128 + headers.count * 48 + extraCapacity)
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
        buffer.writeString("HTTP/1.1 \(status) \(reason)\r\n")
        for header in headers {
            buffer.writeString(header.name)
            buffer.writeStaticString(": ")
            buffer.writeString(header.value)
            buffer.writeStaticString("\r\n")
        }
        // 304 keeps the length off: there it would describe the representation not sent, which confuses clients.
        if !hasLength && allowsBody {
            buffer.writeString("Content-Length: \(body.count)\r\n")
        }
        if !hasConnection {
            if !keepAlive {
                buffer.writeStaticString("Connection: close\r\n")
            } else if isHTTP10 {
                buffer.writeStaticString("Connection: keep-alive\r\n")
            }
        }
        buffer.writeStaticString("\r\n")
        return buffer
    }
}
