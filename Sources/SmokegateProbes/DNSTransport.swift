/// How a DNS query travels: UDP datagrams, or TCP with a 2-byte length before each message (RFC 1035 §4.2.2).
public enum DNSTransport: String, Sendable, Hashable, CustomStringConvertible {
    case udp
    case tcp

    public var description: String { rawValue }
}
