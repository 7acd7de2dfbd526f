import NIOCore

/// A DNS check: one query to the given server, or to the system's resolvers in turn, over UDP with a retry
/// over TCP when the reply is truncated (or over TCP from the start).
///
/// Any reply that answers the query is the result, whatever its response code; the probe fails only when no
/// reply came (timeout, refused), the reply was not DNS (`malformed_reply`), or a truncated reply could not be
/// completed over TCP (`truncated`). The whole probe, every server and the TCP retry, is bounded by the
/// request's timeout, and every socket is closed before it returns.
public enum DNSProbe {
    /// Asks, and decodes the reply; throws `ProbeFailure` (never another error, except `CancellationError`).
    public static func run(_ request: DNSProbeRequest) async throws -> DNSProbeResult {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try validate(request)
            let (servers, perServer) = try targets(of: request)
            var silent: [DNSServerAddress] = []
            for (index, server) in servers.enumerated() {
                let remaining = request.timeout - (clock.now - start)
                guard remaining > .zero else { break }
                let isLast = index == servers.count - 1
                // Messages name the limit as configured, not the microseconds left of it.
                let limit = TCPText.duration(isLast ? request.timeout : min(perServer, request.timeout))
                do {
                    var result = try await ask(server, request: request, timeout: isLast ? remaining : min(perServer, remaining),
                                               within: isLast && index > 0 ? "what was left of the \(limit) timeout" : limit)
                    result.silentServers = silent
                    result.totalMicroseconds = TCPText.microseconds(clock.now - start)
                    return result
                } catch var failure as ProbeFailure where movesOn(failure) {
                    if !isLast {
                        silent.append(server)
                        continue
                    }
                    if !silent.isEmpty {
                        failure.message += " Before it, \(silent.map(\.description).joined(separator: ", ")) gave no answer."
                    }
                    throw failure
                }
            }
            let asked = servers.map(\.description).joined(separator: ", ")
            throw ProbeFailure(.timeout, "No DNS server answered within \(TCPText.duration(request.timeout)): \(asked).")
        } catch var failure as ProbeFailure {
            failure.elapsedMicroseconds = failure.elapsedMicroseconds ?? TCPText.microseconds(clock.now - start)
            throw failure
        }
    }

    /// The servers to ask and how long each may take: the request's server for the whole timeout, or the
    /// system's resolvers for their `options timeout` each.
    private static func targets(of request: DNSProbeRequest) throws(ProbeFailure) -> ([DNSServerAddress], Duration) {
        if let server = request.server {
            return ([server], request.timeout)
        }
        var system = request.resolvers
        if system == nil {
            system = try DNSResolverConfiguration.load()
        }
        guard let system, !system.servers.isEmpty, system.timeoutPerServer > .zero else {
            throw ProbeFailure(.invalidRequest, "There is no DNS server to ask (no resolver, or a zero timeout per resolver).")
        }
        return (system.servers, system.timeoutPerServer)
    }

    /// Whether the next system resolver should be asked after this failure: the server gave no answer at all.
    private static func movesOn(_ failure: ProbeFailure) -> Bool {
        [.timeout, .connectionRefused, .connectTimeout, .connectionReset, .closed].contains(failure.reason)
    }

    private static func validate(_ request: DNSProbeRequest) throws(ProbeFailure) {
        _ = try DNSName.wire(request.name)
        guard DNSRecordType.queryable.contains(request.type) || request.type == .soa || request.type == .ptr else {
            throw ProbeFailure(.invalidRequest, "A DNS check cannot ask for \(request.type) records.")
        }
        guard request.timeout > .zero else {
            throw ProbeFailure(.invalidRequest, "The DNS probe's timeout must be positive, not \(request.timeout).")
        }
        if let size = request.ednsPayloadSize, !(512...65_535).contains(size) {
            throw ProbeFailure(.invalidRequest, "The EDNS payload size \(size) is not between 512 and 65535.")
        }
        if let server = request.server {
            guard (1...65_535).contains(server.port), (try? SocketAddress(ipAddress: server.host, port: server.port)) != nil else {
                throw ProbeFailure(.invalidRequest, "\(server) is not a DNS server address: it needs an IP address and a port 1…65535.")
            }
        }
    }
}
