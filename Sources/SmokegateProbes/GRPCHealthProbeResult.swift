import SmokegateCurl

/// A health check call that ended with grpc-status OK, and what it measured.
///
/// Every serving status is a result, NOT_SERVING included: whether it passes is the check's expectation.
public struct GRPCHealthProbeResult: Sendable {
    /// What the server said about the service.
    public var status: GRPCServingStatus
    /// The HTTP version that carried the call: "2".
    public var httpVersion: String
    /// Where the time went, as for HTTP: dns, connect, tls, server (to the first response byte), transfer, total.
    public var timings: HTTPPhaseTimings
    /// The address that answered, `ip:port` (`[ip]:port` for IPv6).
    public var peer: String
    /// The server's leaf certificate, when asked for and TLS.
    public var certificate: PeerCertificate?

    /// A result; `GRPCHealthProbe.run` makes these.
    public init(status: GRPCServingStatus, httpVersion: String, timings: HTTPPhaseTimings, peer: String,
                certificate: PeerCertificate? = nil) {
        self.status = status
        self.httpVersion = httpVersion
        self.timings = timings
        self.peer = peer
        self.certificate = certificate
    }
}
