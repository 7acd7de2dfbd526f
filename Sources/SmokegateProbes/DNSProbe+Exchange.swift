import SmokegateVocabulary
import NIOCore

extension DNSProbe {
    /// One server: the query over its transport, and over TCP again when the UDP reply is truncated, within
    /// `timeout`; a timeout failure says it found no answer `within` (`600ms`).
    static func ask(
        _ server: DNSServerAddress, request: DNSProbeRequest, timeout: Duration, within: String
    ) async throws -> DNSProbeResult {
        do {
            return try await exchange(with: server, request: request, timeout: timeout)
        } catch let failure as ProbeFailure where failure.reason == .timeout {
            throw ProbeFailure(.timeout, "DNS server \(server) did not answer within \(within).")
        }
    }

    private static func exchange(with server: DNSServerAddress, request: DNSProbeRequest, timeout: Duration) async throws -> DNSProbeResult {
        let query = try DNSQuery(
            id: .random(in: .min ... .max), name: request.name, type: request.type,
            recursionDesired: request.recursionDesired, ednsPayloadSize: request.ednsPayloadSize
        )
        let address: SocketAddress
        do {
            address = try SocketAddress(ipAddress: server.host, port: server.port)
        } catch {
            throw ProbeFailure(.invalidRequest, "\(server) is not a DNS server address: \(error).")
        }
        return try await RedisPostgresConnector.run(target: "DNS server \(server.over(.tcp))", timeout: timeout,
                                                    what: "The DNS query to \(server)") { connector in
            let clock = ContinuousClock()
            let start = clock.now
            func result(_ reply: DNSMessage, over transport: DNSTransport, connect: Duration?) -> DNSProbeResult {
                let elapsed = clock.now - start
                return DNSProbeResult(
                    question: query.question, reply: reply, server: server.over(transport),
                    retriedOverTCP: transport != server.transport,
                    connectMicroseconds: connect.map(TCPText.microseconds),
                    queryMicroseconds: TCPText.microseconds(elapsed - (connect ?? .zero)),
                    totalMicroseconds: TCPText.microseconds(elapsed)
                )
            }
            if server.transport == .tcp {
                let (reply, connect) = try await exchangeOverTCP(
                    query, address: address, server: server, connectTimeout: timeout, connector: connector)
                return result(reply, over: .tcp, connect: connect)
            }
            let reply = try await exchangeOverUDP(query, address: address, server: server, connector: connector)
            guard reply.isTruncated else { return result(reply, over: .udp, connect: nil) }
            do {
                let (full, connect) = try await exchangeOverTCP(
                    query, address: address, server: server.over(.tcp), connectTimeout: timeout, connector: connector)
                return result(full, over: .tcp, connect: connect)
            } catch let failure as ProbeFailure {
                throw ProbeFailure(.truncated, "The UDP reply from \(server) was truncated, and the retry over TCP failed: \(failure.message)")
            }
        }
    }

    private static func exchangeOverUDP(
        _ query: DNSQuery, address: SocketAddress, server: DNSServerAddress, connector: RedisPostgresConnector
    ) async throws -> DNSMessage {
        let target = "DNS server \(server)"
        let channel = try await connector.connectDatagram(to: address) { channel in
            try channel.pipeline.syncOperations.addHandlers([
                DNSDatagramUnwrapper(), DNSReplyHandler(framing: .datagram, target: target),
            ])
        }
        return try await send(query, on: channel, target: target)
    }

    /// The reply and the time the TCP connect took.
    private static func exchangeOverTCP(
        _ query: DNSQuery, address: SocketAddress, server: DNSServerAddress, connectTimeout: Duration,
        connector: RedisPostgresConnector
    ) async throws -> (DNSMessage, Duration) {
        let target = "DNS server \(server)"
        let clock = ContinuousClock()
        let start = clock.now
        let (channel, channelClock) = try await connector.connect(host: address.ipAddress ?? server.host, port: server.port,
                                                                  connectTimeout: connectTimeout) { channel in
            try channel.pipeline.syncOperations.addHandler(DNSReplyHandler(framing: .stream, target: target))
        }
        // The event loop's own stamps when it has them: waiting for this task to run again is not the server's time.
        let connected = channelClock.connectMicroseconds.map { Duration.microseconds($0) } ?? clock.now - start
        return (try await send(query, on: channel, target: target), connected)
    }

    /// Writes the query and waits for its reply; a failed write fails the reply too, so nothing waits forever.
    private static func send(_ query: DNSQuery, on channel: any Channel, target: String) async throws -> DNSMessage {
        let reply = channel.eventLoop.makePromise(of: DNSMessage.self)
        channel.writeAndFlush(DNSQueryWrite(query: query, reply: reply)).whenFailure { error in
            switch error {
            case let failure as ProbeFailure:
                reply.fail(failure)
            case let error as IOError:
                reply.fail(TCPConnectFailureClassifier.socketError(error, target: target, connecting: false))
            default:
                reply.fail(ProbeFailure(.closed, "Could not send the query to \(target): \(error)."))
            }
        }
        return try await reply.futureResult.get()
    }
}
