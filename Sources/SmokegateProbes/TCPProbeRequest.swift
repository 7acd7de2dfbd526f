/// What a TCP probe connects to, what it sends and what reply it waits for.
public struct TCPProbeRequest: Sendable {
    /// A DNS name or an IP address.
    public var host: String
    public var port: Int
    /// TLS on top of the connection; nil is plain TCP.
    public var tls: TLSClientOptions?
    /// Bytes written once connected (and after the handshake).
    public var send: [UInt8]?
    /// Reading goes on until the received text (UTF-8, invalid bytes replaced) satisfies this.
    public var expect: (@Sendable (String) -> Bool)?
    /// Bounds DNS plus the TCP connect.
    public var connectTimeout: Duration
    /// Bounds the TLS handshake, and the reply after sending (or after connecting when nothing is sent).
    public var readTimeout: Duration
    /// Bounds the whole probe.
    public var totalTimeout: Duration
    /// How many received bytes are kept (and matched against `expect`).
    public var maxReceive: Int

    public init(
        host: String,
        port: Int,
        tls: TLSClientOptions? = nil,
        send: [UInt8]? = nil,
        expect: (@Sendable (String) -> Bool)? = nil,
        connectTimeout: Duration = .seconds(5),
        readTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(10),
        maxReceive: Int = 65_536
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.send = send
        self.expect = expect
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.totalTimeout = totalTimeout
        self.maxReceive = maxReceive
    }
}
