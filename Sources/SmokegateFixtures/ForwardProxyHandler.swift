import NIOCore
import NIOPosix

/// One client connection of `FixtureForwardProxy`: reads the request head, connects to the target it names, then
/// passes the client's bytes on to it (the target's come back through its `SpliceHandler`).
final class ForwardProxyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case readingHead
        case connecting
        case spliced
    }

    private let registry: ConnectionRegistry
    private let log: ForwardProxyLog
    private var state = State.readingHead
    /// Bytes from the client not yet passed on: the head while it arrives, then whatever follows it.
    private var pending: [UInt8] = []
    private var target: (any Channel)?

    init(registry: ConnectionRegistry, log: ForwardProxyLog) {
        self.registry = registry
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if let target {
            target.writeAndFlush(buffer, promise: nil)
            return
        }
        pending += buffer.readableBytesView
        guard state == .readingHead, let headEnd = Self.endOfHead(pending) else { return }
        let lineEnd = pending.firstIndex(of: UInt8(ascii: "\r")) ?? headEnd
        let requestLine = String(decoding: pending[..<lineEnd], as: UTF8.self)
        log.append(requestLine)
        registry.countRequest()
        let words = requestLine.split(separator: " ")
        guard words.count == 3 else { return refuse(context, status: "400 Bad Request") }
        if words[0] == "CONNECT" {
            pending.removeFirst(headEnd)
            connect(context, to: String(words[1]), firstBytes: Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8),
                    toClient: true)
        } else if let (authority, path) = Self.split(absoluteURL: words[1]) {
            // Forwarded in origin form: the request line rewritten, every header and byte after it as it came.
            let rewritten = "\(words[0]) \(path) \(words[2])"
            pending = Array(rewritten.utf8) + pending[(requestLine.utf8.count)...]
            connect(context, to: authority, firstBytes: [], toClient: false)
        } else {
            refuse(context, status: "400 Bad Request")
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        target?.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func connect(_ context: ChannelHandlerContext, to authority: String, firstBytes: [UInt8], toClient: Bool) {
        guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]) else {
            return refuse(context, status: "400 Bad Request")
        }
        let host = String(authority[..<colon]).trimmingCharacters(in: ["[", "]"])
        state = .connecting
        let client = context.channel
        let registry = registry
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ClientBootstrap(group: context.eventLoop)
            .channelInitializer { target in
                target.eventLoop.makeCompletedFuture {
                    guard registry.register(target) else { throw ChannelError.ioOnClosedChannel }
                    try target.pipeline.syncOperations.addHandler(SpliceHandler(partner: client))
                }
            }
            .connect(host: host, port: port)
            .whenComplete { result in
                let (handler, context) = loopBound.value
                switch result {
                case .success(let target):
                    handler.spliced(context, to: target, firstBytes: firstBytes, toClient: toClient)
                case .failure:
                    handler.refuse(context, status: "502 Bad Gateway")
                }
            }
    }

    private func spliced(_ context: ChannelHandlerContext, to target: any Channel, firstBytes: [UInt8], toClient: Bool) {
        state = .spliced
        self.target = target
        if toClient, !firstBytes.isEmpty {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: firstBytes)), promise: nil)
        }
        if !pending.isEmpty {
            target.writeAndFlush(ByteBuffer(bytes: pending), promise: nil)
            pending = []
        }
    }

    private func refuse(_ context: ChannelHandlerContext, status: String) {
        let answer = "HTTP/1.1 \(status)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer))).whenComplete { _ in context.close(promise: nil) }
    }

    /// The index just past the blank line that ends an HTTP head, if it has arrived.
    private static func endOfHead(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count where bytes[index - 3...index].elementsEqual([13, 10, 13, 10]) {
            return index + 1
        }
        return nil
    }

    /// `http://host:port/path?query` as (`host:port`, `/path?query`); the port defaults to 80.
    private static func split(absoluteURL: Substring) -> (authority: String, path: String)? {
        guard absoluteURL.lowercased().hasPrefix("http://") else { return nil }
        let rest = absoluteURL.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard !authority.isEmpty else { return nil }
        let path = rest.dropFirst(authority.count)
        let withPort = authority.contains(":") && !authority.hasSuffix("]") ? String(authority) : "\(authority):80"
        return (withPort, path.isEmpty ? "/" : (path.hasPrefix("/") ? String(path) : "/" + path))
    }
}

@available(*, unavailable)
extension ForwardProxyHandler: Sendable {}
