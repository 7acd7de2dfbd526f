/// How a DNS query travels: UDP datagrams, or TCP with a 2-byte length before each message (RFC 1035 §4.2.2).
public enum DNSTransport: String, Sendable, Hashable, CustomStringConvertible {
    /// Datagrams; a truncated reply is asked again over TCP.
    case udp
    /// A TCP connection, each message behind its 2-byte length.
    case tcp

    /// `udp` or `tcp`.
    public var description: String { rawValue }
}
