import NIOCore

/// Collects what one probe connection receives, and when, until the probe is ready to judge it.
///
/// Joins the pipeline before the socket connects, so a banner sent the moment the server accepts is kept;
/// `attach` then hands over what arrived so far and everything after, as it happens.
final class TCPProbeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Something the connection did, stamped with when it happened.
    enum Event {
        case data([UInt8], at: NIODeadline)
        /// The server closed the connection (or it closed under us).
        case closed(at: NIODeadline)
        case error(any Error)
    }

    private var pending: [Event] = []
    private var sink: ((Event) -> Void)?
    private var isClosed = false

    /// Delivers every event so far, then each new one, to `sink`.
    func attach(_ sink: @escaping (Event) -> Void) {
        self.sink = sink
        let earlier = pending
        pending = []
        for event in earlier {
            sink(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        deliver(.data(Array(buffer.readableBytesView), at: .now()))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            deliverClosed()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deliverClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Handled here rather than passed on: the pipeline's tail would only log it.
        deliver(.error(error))
    }

    private func deliverClosed() {
        guard !isClosed else { return }
        isClosed = true
        deliver(.closed(at: .now()))
    }

    private func deliver(_ event: Event) {
        if let sink {
            sink(event)
        } else {
            pending.append(event)
        }
    }
}
