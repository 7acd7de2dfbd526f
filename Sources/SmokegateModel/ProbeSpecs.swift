import SmokegateProbes

/// A TCP connection, optionally over TLS, optionally sending a payload and waiting for a matching reply.
public struct TCPProbeSpec: Sendable {
    public var host: String
    public var port: Int
    public var tls: TLSClientOptions?
    public var send: [UInt8]?
    /// The reply to wait for; without it, connecting (and any reply to `send`) is enough.
    public var expect: Pattern?
    public var connectTimeout: Duration
    public var readTimeout: Duration
    public var timeout: Duration

    public init(host: String, port: Int, tls: TLSClientOptions?, send: [UInt8]?, expect: Pattern?, connectTimeout: Duration, readTimeout: Duration, timeout: Duration) {
        self.host = host
        self.port = port
        self.tls = tls
        self.send = send
        self.expect = expect
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.timeout = timeout
    }
}
