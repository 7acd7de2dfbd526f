/// What a DNS probe asks, and whom.
public struct DNSProbeRequest: Sendable {
    /// The name to look up, `www.example.com` or `www.example.com.`; always taken as fully qualified (no
    /// search domains).
    public var name: String
    /// The record type asked for.
    public var type: DNSRecordType
    /// The server to ask; nil asks the system's resolvers, in order, each for at most its `timeoutPerServer`
    /// while the probe's timeout lasts.
    public var server: DNSServerAddress?
    /// The system's resolvers, when `server` is nil; nil reads /etc/resolv.conf at each probe.
    public var resolvers: DNSResolverConfiguration?
    /// RD: ask the server to recurse. Off asks an authoritative server about its own zone only.
    public var recursionDesired: Bool
    /// The UDP payload size advertised with EDNS(0); nil sends a plain RFC 1035 query (replies over 512 bytes
    /// then come truncated, and the probe retries over TCP).
    public var ednsPayloadSize: Int?
    /// Bounds the whole probe: every server tried, the TCP retry included.
    public var timeout: Duration

    /// A query for `name`; defaults: A, the system resolvers, recursion desired, EDNS with 1232 bytes, 5 s.
    public init(
        name: String,
        type: DNSRecordType = .a,
        server: DNSServerAddress? = nil,
        resolvers: DNSResolverConfiguration? = nil,
        recursionDesired: Bool = true,
        ednsPayloadSize: Int? = 1232,
        timeout: Duration = .seconds(5)
    ) {
        self.name = name
        self.type = type
        self.server = server
        self.resolvers = resolvers
        self.recursionDesired = recursionDesired
        self.ednsPayloadSize = ednsPayloadSize
        self.timeout = timeout
    }
}

extension DNSProbeRequest {
    /// Why `name` cannot be asked, in one sentence (an empty or over-long label, a space, a non-ASCII name…); nil
    /// when it can. Lets a suite's loader refuse a name before any probe does.
    public static func nameProblem(_ name: String) -> String? {
        do {
            _ = try DNSName.wire(name)
            return nil
        } catch {
            return error.message
        }
    }
}
