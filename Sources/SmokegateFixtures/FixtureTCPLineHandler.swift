import NIOCore

/// Serves one fixture TCP connection: sends the greeting, then answers each line via the reply closure.
final class FixtureTCPLineHandler: ChannelInboundHandler {
    typealias InboundIn = String
    typealias OutboundOut = ByteBuffer

    private let greeting: String?
    private let reply: @Sendable (String) -> String?
    /// The last write, so closing after the peer's EOF never discards an answer still queued in NIO.
    private var lastWrite: EventLoopFuture<Void>?

    init(greeting: String?, reply: @escaping @Sendable (String) -> String?) {
        self.greeting = greeting
        self.reply = reply
    }

    func channelActive(context: ChannelHandlerContext) {
        if let greeting { send(greeting, context: context) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let answer = reply(unwrapInboundIn(data)) { send(answer, context: context) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            let written = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Writes `text` as one line, adding CRLF unless the text already ends its own line.
    private func send(_ text: String, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count + 2)
        buffer.writeString(text)
        if !text.hasSuffix("\n") { buffer.writeStaticString("\r\n") }
        lastWrite = context.writeAndFlush(wrapOutboundOut(buffer))
    }
}
