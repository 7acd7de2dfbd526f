import NIOCore

/// Passes each datagram's bytes on without the sender's address: the socket is connected, so there is only one.
final class DNSDatagramUnwrapper: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias InboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(wrapInboundOut(unwrapInboundIn(data).data))
    }
}
