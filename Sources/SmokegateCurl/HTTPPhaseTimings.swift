/// Phase durations of one transfer, in microseconds, from curl's *_TIME_T counters.
///
/// Phases that never started are zero, so a failed transfer still reports how
/// far it got. With redirects curl adds up each request's phases.
public struct HTTPPhaseTimings: Sendable, Hashable {
    /// Name resolution.
    public var dns: Int64
    /// TCP connect, after name resolution.
    public var connect: Int64
    /// TLS handshake after connect; 0 for plain http and for reused connections.
    public var tls: Int64
    /// From the request being ready to send until the first response byte: STARTTRANSFER - PRETRANSFER.
    public var server: Int64
    /// From the first response byte to the end: TOTAL - STARTTRANSFER.
    public var transfer: Int64
    /// From the start until the first response byte: STARTTRANSFER.
    public var firstByte: Int64
    /// The whole transfer: TOTAL.
    public var total: Int64

    /// Creates timings from phase durations in microseconds.
    public init(
        dns: Int64 = 0, connect: Int64 = 0, tls: Int64 = 0, server: Int64 = 0,
        transfer: Int64 = 0, firstByte: Int64 = 0, total: Int64 = 0
    ) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.server = server
        self.transfer = transfer
        self.firstByte = firstByte
        self.total = total
    }
}

extension HTTPPhaseTimings {
    /// Derives phases from curl's cumulative counters, each in microseconds since the transfer started.
    init(nameLookup: Int64, connectDone: Int64, tlsDone: Int64, preTransfer: Int64, startTransfer: Int64, total: Int64) {
        // curl leaves a counter at 0 when its phase never completed; a difference
        // against such a counter would be meaningless, so the phase stays 0.
        func span(from start: Int64, to end: Int64) -> Int64 {
            start > 0 && end > 0 ? max(0, end - start) : 0
        }
        self.init(
            dns: max(0, nameLookup),
            connect: connectDone > 0 ? max(0, connectDone - max(0, nameLookup)) : 0,
            tls: span(from: connectDone, to: tlsDone),
            server: span(from: preTransfer, to: startTransfer),
            transfer: startTransfer > 0 ? max(0, total - startTransfer) : 0,
            firstByte: max(0, startTransfer),
            total: max(0, total)
        )
    }
}
