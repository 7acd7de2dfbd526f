import SmokegateProbes

/// A `dns:` check: one name and record type, asked of one server, of several at once, or of the system's resolvers.
public struct DNSCheckSpec: Sendable {
    /// The query as `DNSProbe` takes it, without a server: each of `servers` is filled in per query.
    public var query: DNSProbeRequest
    /// The servers asked, all of them in every sample and at the same time, so a sample can see them disagree;
    /// empty asks the system's resolvers (`/etc/resolv.conf`), in order, as one.
    public var servers: [DNSServerAddress]

    public init(query: DNSProbeRequest, servers: [DNSServerAddress]) {
        self.query = query
        self.servers = servers
    }

    /// `www.example.com. A @udp://10.0.0.2:53`, the servers joined by commas, or `@system`.
    public var display: String {
        let name = query.name.hasSuffix(".") ? query.name : query.name + "."
        let asked = servers.isEmpty ? "system" : servers.map(\.description).joined(separator: ",")
        return "\(name) \(query.type) @\(asked)"
    }
}
