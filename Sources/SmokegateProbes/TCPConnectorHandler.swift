import NIOCore
import NIOSSL
import NIOTLS

/// Watches one candidate channel for `TCPConnector`: connect, handshake outcome, and failures until ready.
///
/// Sits right behind the TLS handler (if any), so handshake errors reach it before anything else, while
/// NIOSSL still holds the certificate the server presented.
final class TCPConnectorHandler: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private let connector: TCPConnector
    private let sslHandler: NIOSSLClientHandler?

    init(connector: TCPConnector, sslHandler: NIOSSLClientHandler?) {
        self.connector = connector
        self.sslHandler = sslHandler
    }

    func channelActive(context: ChannelHandlerContext) {
        // A losing happy-eyeballs attempt is closed here and its handlers never hear of it.
        if connector.channelBecameActive(context.channel, sslHandler: sslHandler) {
            context.fireChannelActive()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            connector.handshakeCompleted(on: context.channel)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard connector.isHandshaking else {
            context.fireErrorCaught(error)
            return
        }
        connector.handshakeFailed(on: context.channel, error: error, leaf: sslHandler?.peerCertificate)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if connector.isHandshaking {
            connector.handshakeFailed(on: context.channel, error: ChannelError.eof, leaf: nil)
        }
        context.fireChannelInactive()
    }
}
