import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serves one fixture connection: collects whole requests, asks the script, and carries out its behaviour.
///
/// Requests are answered strictly in arrival order; pipelined ones wait in `queue` while the
/// script for the one before is running, so responses can never overtake each other.
final class FixtureHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer
    typealias Script = FixtureScript

    /// A complete request waiting for (or being given) its behaviour.
    struct Exchange: Sendable {
        var request: FixtureRequest
        var keepAlive: Bool
        var isHTTP10: Bool
        var arrival: NIODeadline
    }

    private let script: Script
    private let registry: ConnectionRegistry
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var queue = CircularBuffer<Exchange>()
    /// True while a request is in progress, and for good once the connection is winding down.
    private var isBusy = false
    private var isActive = true
    private var isInputClosed = false
    private var isHanging = false
    private var scheduled: Scheduled<Void>?
    /// The last write, so a graceful close never discards a response NIO has not yet handed to the kernel.
    private var lastWrite: EventLoopFuture<Void>?

    init(script: Script, registry: ConnectionRegistry) {
        self.script = script
        self.registry = registry
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            // curl holds back larger bodies for a second awaiting this; only sent when it cannot
            // overtake the answer to an earlier request on the same connection.
            if head.headers.first(name: "expect")?.lowercased() == "100-continue", !isBusy, queue.isEmpty {
                write(context.channel.allocator.buffer(staticString: "HTTP/1.1 100 Continue\r\n\r\n"), context: context)
            }
        case .body(let chunk):
            body.append(contentsOf: chunk.readableBytesView)
        case .end:
            guard let head else { return }
            self.head = nil
            let request = FixtureRequest(
                method: head.method.rawValue,
                uri: head.uri,
                headers: head.headers.map { (name: $0.name, value: $0.value) },
                body: body
            )
            body = []
            registry.countRequest()
            queue.append(
                Exchange(
                    request: request,
                    keepAlive: head.isKeepAlive,
                    isHTTP10: head.version == .http1_0,
                    arrival: .now()
                )
            )
            startNextIfIdle(context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            isInputClosed = true
            if isHanging {
                // The answer will never come, so the client's EOF leaves nothing to keep the connection for.
                context.close(promise: nil)
            } else if !isBusy && queue.isEmpty {
                closeAfterWrites(context: context)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        isActive = false
        scheduled?.cancel()
        scheduled = nil
        queue.removeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Malformed requests and socket errors alike end the connection; a fixture has no one to report to.
        isBusy = true
        context.close(promise: nil)
    }

    private func startNextIfIdle(context: ChannelHandlerContext) {
        guard isActive, !isBusy else { return }
        guard let exchange = queue.popFirst() else {
            if isInputClosed { closeAfterWrites(context: context) }
            return
        }
        isBusy = true
        let script: @Sendable (FixtureRequest) async -> FixtureBehavior
        switch self.script {
        case .immediate(let answer):
            // No task hop: the answer cannot be delayed by whatever else is keeping the cooperative pool busy.
            perform(answer(exchange.request), for: exchange, context: context)
            return
        case .deferred(let answer):
            script = answer
        }
        let eventLoop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: eventLoop)
        Task {
            let behavior = await script(exchange.request)
            eventLoop.execute {
                bound.value.handler.perform(behavior, for: exchange, context: bound.value.context)
            }
        }
    }

    private func perform(_ behavior: FixtureBehavior, for exchange: Exchange, context: ChannelHandlerContext) {
        guard isActive else { return }
        switch behavior {
        case .respond(let response):
            after(response.delay, from: exchange.arrival, context: context) { handler, context in
                handler.respond(response, for: exchange, context: context)
            }
        case .hang:
            isHanging = true
            if isInputClosed { context.close(promise: nil) }
        case .reset:
            abort(context: context)
        case .closeImmediately:
            context.close(promise: nil)
        case .garbage(let bytes):
            write(context.channel.allocator.buffer(bytes: bytes), context: context)
            closeAfterWrites(context: context)
        case .resetMidBody(let response, let afterBytes):
            after(response.delay, from: exchange.arrival, context: context) { handler, context in
                handler.respondPartially(response, afterBytes: afterBytes, for: exchange, context: context)
            }
        }
    }

    /// Runs `action` once `delay` has passed since `arrival`, on the event loop, if the connection still exists.
    private func after(
        _ delay: Duration,
        from arrival: NIODeadline,
        context: ChannelHandlerContext,
        _ action: @escaping (FixtureHTTPHandler, ChannelHandlerContext) -> Void
    ) {
        let deadline = arrival + TimeAmount(delay)
        guard delay > .zero, deadline > .now() else {
            action(self, context)
            return
        }
        scheduled = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            scheduled = nil
            guard isActive else { return }
            action(self, context)
        }
    }

    private func respond(_ response: FixtureResponse, for exchange: Exchange, context: ChannelHandlerContext) {
        let keepAlive = exchange.keepAlive && !response.asksToClose
        let sendsBody = exchange.request.method != "HEAD" && response.allowsBody
        var buffer = response.encodedHead(
            keepAlive: keepAlive,
            isHTTP10: exchange.isHTTP10,
            allocator: context.channel.allocator,
            extraCapacity: sendsBody ? response.body.count : 0
        )
        if sendsBody { buffer.writeBytes(response.body) }
        write(buffer, context: context)
        if keepAlive {
            isBusy = false
            startNextIfIdle(context: context)
        } else {
            closeAfterWrites(context: context)
        }
    }

    private func respondPartially(
        _ response: FixtureResponse,
        afterBytes: Int,
        for exchange: Exchange,
        context: ChannelHandlerContext
    ) {
        let sent = response.body.prefix(max(0, afterBytes))
        var buffer = response.encodedHead(
            keepAlive: true,
            isHTTP10: exchange.isHTTP10,
            allocator: context.channel.allocator,
            extraCapacity: sent.count
        )
        buffer.writeBytes(sent)
        write(buffer, context: context)
        abort(context: context)
    }

    private func write(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        lastWrite = context.writeAndFlush(wrapOutboundOut(buffer))
    }

    private func closeAfterWrites(context: ChannelHandlerContext) {
        isBusy = true
        guard let lastWrite else {
            context.close(promise: nil)
            return
        }
        lastWrite.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Ends the connection with a RST once everything written so far has reached the kernel.
    ///
    /// SO_LINGER {1, 0} makes close(2) drop the socket with a reset instead of the FIN handshake.
    private func abort(context: ChannelHandlerContext) {
        isBusy = true
        let written = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
        written.assumeIsolated().whenComplete { _ in
            guard let provider = context.channel as? any SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }
}
