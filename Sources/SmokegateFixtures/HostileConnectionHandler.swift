import NIOCore

/// Carries out one `HostileBehavior` on one connection, writing raw bytes.
///
/// Streams (bodies, endless heads) are written only while the channel is writable and resume on
/// `channelWritabilityChanged`, so however much a behaviour sends, no more than NIO's write-buffer high-water
/// mark is ever queued: a client that stops reading stalls the stream instead of growing the fixture's memory.
final class HostileConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What is still to be streamed.
    private enum Stream {
        case none
        /// Body bytes still owed, sent raw or as chunks; the terminating chunk follows the last one.
        case body(remaining: Int, chunked: Bool)
        /// Chunks forever.
        case endlessBody
        /// Header lines forever.
        case endlessHeaders
    }

    private static let pieceSize = 64 * 1024
    private static let requestHeadEnd: [UInt8] = Array("\r\n\r\n".utf8)

    private let behavior: HostileBehavior
    private let registry: ConnectionRegistry
    /// How many bytes of `requestHeadEnd` the input read so far ends with; the head is complete at 4.
    private var headEndMatched = 0
    private var hasAnswered = false
    private var isActive = true
    private var stream = Stream.none
    private var timer: Scheduled<Void>?
    /// The last write, so a close never discards bytes NIO has not yet handed to the kernel.
    private var lastWrite: EventLoopFuture<Void>?
    /// One piece of each stream, built once per connection and written again and again (ByteBuffer shares
    /// its storage between writes, so a 50 MB body costs one 64 KB buffer).
    private var rawPiece: ByteBuffer?
    private var chunkPiece: ByteBuffer?
    private var headerPiece: ByteBuffer?

    init(behavior: HostileBehavior, registry: ConnectionRegistry) {
        self.behavior = behavior
        self.registry = registry
    }

    func channelActive(context: ChannelHandlerContext) {
        switch behavior {
        case .closeOnAccept:
            // FIN now; the input stays open (and drained) so the request's bytes never provoke an RST.
            context.close(mode: .output, promise: nil)
        default:
            break
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !hasAnswered else { return }
        let bytes = unwrapInboundIn(data)
        for byte in bytes.readableBytesView {
            if byte == Self.requestHeadEnd[headEndMatched] {
                headEndMatched += 1
            } else {
                headEndMatched = byte == Self.requestHeadEnd[0] ? 1 : 0
            }
            if headEndMatched == Self.requestHeadEnd.count {
                hasAnswered = true
                registry.countRequest()
                answer(context: context)
                return
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            // The client has gone: nothing sent from here on would be read.
            closeAfterWrites(context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { pump(context: context) }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        isActive = false
        stream = .none
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client that resets or walks away mid-stream is the normal end of most behaviours here.
        context.close(promise: nil)
    }

    private func answer(context: ChannelHandlerContext) {
        switch behavior {
        case .silence, .closeOnAccept:
            break
        case .endlessHeaders(let every):
            write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", context: context)
            if every > .zero {
                tick(every: every, context: context) { handler, context, count in
                    handler.write("X-Endless-\(count): the head goes on\r\n", context: context)
                    return true
                }
            } else {
                stream = .endlessHeaders
                pump(context: context)
            }
        case .largeHeaders(let bytes, let lineLength):
            var head = context.channel.allocator.buffer(capacity: bytes + 256)
            head.writeString("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n")
            var sent = 0
            var index = 0
            while sent < bytes {
                let name = "X-Filler-\(index): "
                let filler = max(1, min(lineLength, bytes - sent) - name.utf8.count - 2)
                head.writeString(name)
                head.writeRepeatingByte(UInt8(ascii: "f"), count: filler)
                head.writeStaticString("\r\n")
                sent += name.utf8.count + filler + 2
                index += 1
            }
            head.writeStaticString("\r\nok")
            lastWrite = context.writeAndFlush(wrapOutboundOut(head))
            closeAfterWrites(context: context)
        case .drip(let length, let every):
            write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(length)\r\nConnection: close\r\n\r\n", context: context)
            tick(every: every, context: context) { handler, context, count in
                handler.write("x", context: context)
                return count + 1 < length
            }
        case .endlessBody:
            write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n", context: context)
            stream = .endlessBody
            pump(context: context)
        case .largeBody(let bytes, let chunked):
            let framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: \(bytes)"
            write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\(framing)\r\nConnection: close\r\n\r\n", context: context)
            stream = .body(remaining: bytes, chunked: chunked)
            pump(context: context)
        case .http10UntilClose(let body):
            var buffer = context.channel.allocator.buffer(capacity: 64 + body.count)
            buffer.writeString("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n")
            buffer.writeBytes(body)
            lastWrite = context.writeAndFlush(wrapOutboundOut(buffer))
            closeAfterWrites(context: context)
        }
    }

    /// Calls `action` every `every` (its argument counts the calls from 0) until it returns false or the connection goes.
    private func tick(
        every: Duration,
        context: ChannelHandlerContext,
        count: Int = 0,
        _ action: @escaping (HostileConnectionHandler, ChannelHandlerContext, Int) -> Bool
    ) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(every)) { [self] in
            timer = nil
            guard isActive else { return }
            if action(self, context, count) {
                tick(every: every, context: context, count: count + 1, action)
            }
        }
    }

    /// Writes the stream's next pieces while the channel takes them.
    ///
    /// Pieces go without promises (one per 64 KB would be most of the cost); a close waits for the last write,
    /// which does carry one, and NIO completes writes in order.
    private func pump(context: ChannelHandlerContext) {
        var wrote = false
        defer { if wrote { context.flush() } }
        while isActive, context.channel.isWritable {
            switch stream {
            case .none:
                return
            case .endlessHeaders:
                context.write(wrapOutboundOut(piece(\.headerPiece, context: context) { buffer in
                    var index = 0
                    while buffer.readableBytes < Self.pieceSize {
                        buffer.writeString("X-Endless-\(index): the head goes on and on and on\r\n")
                        index += 1
                    }
                }), promise: nil)
            case .endlessBody:
                context.write(wrapOutboundOut(chunkedPiece(context: context)), promise: nil)
            case .body(let remaining, let chunked) where remaining >= Self.pieceSize:
                let piece = chunked ? chunkedPiece(context: context) : rawBodyPiece(context: context)
                context.write(wrapOutboundOut(piece), promise: nil)
                stream = .body(remaining: remaining - Self.pieceSize, chunked: chunked)
            case .body(let remaining, let chunked):
                var last = context.channel.allocator.buffer(capacity: remaining + 16)
                if chunked, remaining > 0 { last.writeString(String(remaining, radix: 16) + "\r\n") }
                last.writeRepeatingByte(UInt8(ascii: "x"), count: remaining)
                if chunked { last.writeString(remaining > 0 ? "\r\n0\r\n\r\n" : "0\r\n\r\n") }
                lastWrite = context.write(wrapOutboundOut(last))
                stream = .none
                wrote = true
                closeAfterWrites(context: context)
                return
            }
            wrote = true
        }
    }

    private func rawBodyPiece(context: ChannelHandlerContext) -> ByteBuffer {
        piece(\.rawPiece, context: context) { $0.writeRepeatingByte(UInt8(ascii: "x"), count: Self.pieceSize) }
    }

    private func chunkedPiece(context: ChannelHandlerContext) -> ByteBuffer {
        piece(\.chunkPiece, context: context) { buffer in
            buffer.writeString(String(Self.pieceSize, radix: 16) + "\r\n")
            buffer.writeRepeatingByte(UInt8(ascii: "x"), count: Self.pieceSize)
            buffer.writeStaticString("\r\n")
        }
    }

    /// The cached piece at `slot`, built by `fill` the first time.
    private func piece(
        _ slot: ReferenceWritableKeyPath<HostileConnectionHandler, ByteBuffer?>,
        context: ChannelHandlerContext,
        fill: (inout ByteBuffer) -> Void
    ) -> ByteBuffer {
        if let cached = self[keyPath: slot] { return cached }
        var buffer = context.channel.allocator.buffer(capacity: Self.pieceSize + 16)
        fill(&buffer)
        self[keyPath: slot] = buffer
        return buffer
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        lastWrite = context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)))
    }

    private func closeAfterWrites(context: ChannelHandlerContext) {
        stream = .none
        let written = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
        written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
