import NIOCore

/// A DNS server to ask: transport, IP address and port, written `udp://10.0.0.2:53` or `tcp://[2001:db8::53]:53`.
public struct DNSServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The transport of the first attempt; UDP falls back to TCP when the reply is truncated.
    public var transport: DNSTransport
    /// An IP address literal, without brackets.
    public var host: String
    /// The port, 53 unless written.
    public var port: Int

    /// A server by address; `DNSProbe` refuses a host that is not an IP address.
    public init(transport: DNSTransport = .udp, host: String, port: Int = 53) {
        self.transport = transport
        self.host = host
        self.port = port
    }

    /// Reads `udp://10.0.0.2:53`, `tcp://[::1]:5353`, `10.0.0.2`, `10.0.0.2:5353`, `[::1]:53` or `::1`: UDP and
    /// port 53 unless written.
    ///
    /// - Throws: `invalid_request` when the scheme is not udp or tcp, the port is not 1…65535, or the host is not
    ///   an IP address (a server's name would need a resolver of its own to find).
    public init(parsing text: String) throws(ProbeFailure) {
        func invalid(_ why: String) -> ProbeFailure {
            ProbeFailure(.invalidRequest, "\"\(text)\" is not a DNS server address: \(why).")
        }
        var rest = Substring(text)
        var transport = DNSTransport.udp
        if let schemeEnd = rest.range(of: "://") {
            guard let scheme = DNSTransport(rawValue: rest[..<schemeEnd.lowerBound].lowercased()) else {
                throw invalid("the scheme must be udp:// or tcp://")
            }
            transport = scheme
            rest = rest[schemeEnd.upperBound...]
        }
        var host = rest
        var port = 53
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("the [ of an IPv6 address is not closed") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = Int(after.dropFirst()) else {
                    throw invalid("what follows the address is not :PORT")
                }
                port = number
            }
        } else if rest.filter({ $0 == ":" }).count == 1, let colon = rest.firstIndex(of: ":") {
            guard let number = Int(rest[rest.index(after: colon)...]) else { throw invalid("the port is not a number") }
            host = rest[..<colon]
            port = number
        }
        guard (1...65_535).contains(port) else { throw invalid("the port \(port) is not between 1 and 65535") }
        guard (try? SocketAddress(ipAddress: String(host), port: port)) != nil else {
            throw invalid("\"\(host)\" is not an IP address (a server is named by its address)")
        }
        self.init(transport: transport, host: String(host), port: port)
    }

    /// `udp://10.0.0.2:53`, `tcp://[::1]:53`.
    public var description: String {
        "\(transport)://" + (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// The same server over another transport.
    func over(_ transport: DNSTransport) -> DNSServerAddress {
        DNSServerAddress(transport: transport, host: host, port: port)
    }
}
