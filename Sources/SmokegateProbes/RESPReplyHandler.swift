import SmokegateVocabulary
import NIOCore

/// Pairs each command written with the next complete reply, in order, as RESP allows no other matching.
///
/// Once the connection breaks (parse error, reset, close) every pending and later command fails with the same
/// classified `ProbeFailure`, so no caller waits on a reply that cannot come.
final class RESPReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RESPCommand
    typealias OutboundOut = ByteBuffer

    private let connector: RedisPostgresConnector
    private var parser = RESPParser()
    private var pending = CircularBuffer<EventLoopPromise<RESPValue>>()
    private var failure: ProbeFailure?

    init(connector: RedisPostgresConnector) {
        self.connector = connector
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let command = unwrapOutboundIn(data)
        if let failure {
            command.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        pending.append(command.reply)
        context.write(wrapOutboundOut(command.bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        parser.append(Array(buffer.readableBytesView))
        do {
            while let value = try parser.next() {
                guard let reply = pending.popFirst() else {
                    fail(ProbeFailure(.protocol, "\(connector.target) sent a reply to no command: \(value.text.prefix(80))"))
                    context.close(promise: nil)
                    return
                }
                reply.succeed(value)
            }
        } catch {
            let detail = error.message.prefix(1).lowercased() + error.message.dropFirst()
            fail(ProbeFailure(error.reason, "\(connector.target): \(detail)"))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(ProbeFailure(.closed, "\(connector.target) closed the connection before replying."))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError {
            fail(TCPConnectFailureClassifier.socketError(error, target: connector.target, connecting: false))
        } else {
            fail(ProbeFailure(.closed, "The connection to \(connector.target) failed: \(error)."))
        }
        context.close(promise: nil)
    }

    /// Fails every waiting command; the first failure sticks because later ones are its consequences.
    private func fail(_ failure: ProbeFailure) {
        let sticky = self.failure ?? failure
        self.failure = sticky
        connector.record(sticky)
        while let reply = pending.popFirst() {
            reply.fail(sticky)
        }
    }
}

@available(*, unavailable)
extension RESPReplyHandler: Sendable {}
