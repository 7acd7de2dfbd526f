import SmokegateVocabulary
import NIOCore

/// Sends one DNS query on a channel and completes its promise with the reply that answers it.
///
/// Over UDP (`datagram`) each read is one message, and one that does not answer the query (another id, another
/// question, not a reply) is ignored: it may be a late answer to someone else, and a spoofer must guess both.
/// Over TCP (`stream`) messages come with a 2-byte length, and one that does not answer the query is a broken
/// server, reported at once. A reply with the right id that does not decode is `malformed_reply` either way.
final class DNSReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = DNSQueryWrite
    typealias OutboundOut = ByteBuffer

    enum Framing {
        case datagram
        case stream
    }

    private let framing: Framing
    private let target: String
    private var pending: DNSQueryWrite?
    private var received = ByteBuffer()
    private var failure: ProbeFailure?

    init(framing: Framing, target: String) {
        self.framing = framing
        self.target = target
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let query = unwrapOutboundIn(data)
        if let failure {
            query.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        pending = query
        var buffer = context.channel.allocator.buffer(capacity: query.query.bytes.count + 2)
        if framing == .stream {
            buffer.writeInteger(UInt16(query.query.bytes.count))
        }
        buffer.writeBytes(query.query.bytes)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        switch framing {
        case .datagram:
            consume(Array(buffer.readableBytesView), context: context)
        case .stream:
            received.writeBuffer(&buffer)
            while let length = received.getInteger(at: received.readerIndex, as: UInt16.self),
                  received.readableBytes >= 2 + Int(length)
            {
                received.moveReaderIndex(forwardBy: 2)
                guard let message = received.readBytes(length: Int(length)) else { return }
                consume(message, context: context)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(ProbeFailure(.closed, "\(target) closed the connection before replying."))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError {
            fail(TCPConnectFailureClassifier.socketError(error, target: target, connecting: false))
        } else {
            fail(ProbeFailure(.closed, "The exchange with \(target) failed: \(error)."))
        }
        context.close(promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(ProbeFailure(.closed, "The exchange with \(target) ended before a reply."))
    }

    private func consume(_ bytes: [UInt8], context: ChannelHandlerContext) {
        guard let pending else { return }
        let query = pending.query
        guard DNSMessage.id(of: bytes) == query.id else {
            if framing == .stream {
                let id = DNSMessage.id(of: bytes).map(String.init) ?? "none"
                fail(ProbeFailure(.protocol, "\(target) replied with id \(id), not the query's \(query.id)."))
                context.close(promise: nil)
            }
            return
        }
        let message: DNSMessage
        do {
            message = try DNSMessage(decoding: bytes)
        } catch {
            fail(ProbeFailure(.malformedReply, "\(target) sent a reply that is not a DNS message: \(error.message)."))
            context.close(promise: nil)
            return
        }
        guard query.isAnswered(by: message) else {
            if framing == .stream {
                let asked = message.questions.first.map { "\($0.name) \($0.type)" } ?? "nothing"
                fail(ProbeFailure(.protocol, "\(target) answered \(asked), not \(query.question.name) \(query.question.type)."))
                context.close(promise: nil)
            }
            return
        }
        self.pending = nil
        pending.reply.succeed(message)
    }

    /// Fails the waiting query; the first failure sticks because later ones are its consequences.
    private func fail(_ failure: ProbeFailure) {
        let sticky = self.failure ?? failure
        self.failure = sticky
        pending?.reply.fail(sticky)
        pending = nil
    }
}

@available(*, unavailable)
extension DNSReplyHandler: Sendable {}
