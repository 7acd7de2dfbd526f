/// What a successful TCP probe measured and received.
public struct TCPProbeResult: Sendable {
    /// The name lookup itself, in microseconds; nil when the host is an IP address.
    public var dnsMicroseconds: Int64?
    /// The TCP connect, from the connect call to the completed handshake, in microseconds (the kernel's own
    /// measure of the handshake where it has one, so a busy event loop does not count).
    public var connectMicroseconds: Int64
    /// The TLS handshake, when there was one.
    public var tlsMicroseconds: Int64?
    /// From the send (or from being connected, when nothing was sent) until the expectation held, or until
    /// the first byte when there was no expectation; nil when the probe waited for nothing.
    public var replyMicroseconds: Int64?
    /// The probe's latency: DNS + connect + TLS + reply, each stamped where it happened. Waiting for smokegate's own
    /// event loop before or between these phases is not in it.
    public var totalMicroseconds: Int64
    /// What arrived, at most `maxReceive` bytes.
    public var received: [UInt8]
    /// The address actually connected to, `ip:port` (`[ip]:port` for IPv6).
    public var peer: String
    /// The server's leaf certificate, when TLS.
    public var certificate: TLSCertificateFacts?

    public init(
        dnsMicroseconds: Int64? = nil,
        connectMicroseconds: Int64,
        tlsMicroseconds: Int64? = nil,
        replyMicroseconds: Int64? = nil,
        totalMicroseconds: Int64,
        received: [UInt8],
        peer: String,
        certificate: TLSCertificateFacts? = nil
    ) {
        self.dnsMicroseconds = dnsMicroseconds
        self.connectMicroseconds = connectMicroseconds
        self.tlsMicroseconds = tlsMicroseconds
        self.replyMicroseconds = replyMicroseconds
        self.totalMicroseconds = totalMicroseconds
        self.received = received
        self.peer = peer
        self.certificate = certificate
    }
}
