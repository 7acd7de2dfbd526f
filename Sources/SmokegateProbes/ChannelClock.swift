import NIOCore
import Synchronization

/// When things happened on one probe connection, stamped on its event loop by `ChannelClockHandler` as they happen.
///
/// A probe's figures come from these stamps, never from when its task got around to looking: time spent waiting for
/// a busy event loop before the connect, or for the cooperative pool after a reply, is smokegate's own queue and not
/// the server's. Read from any thread.
final class ChannelClock: Sendable {
    private struct Readings {
        /// The first connect call; happy eyeballs may make more than one.
        var connectStartedAt: NIODeadline?
        var connectAttempts = 0
        var activeAt: NIODeadline?
        /// The kernel's own measure of the TCP handshake (Linux), when it is a single clean sample.
        var kernelHandshakeMicroseconds: Int64?
        var firstWriteAt: NIODeadline?
        var lastReadAt: NIODeadline?
    }

    private let readings = Mutex(Readings())

    /// How long the name lookup itself took, when there was one (set by `TimedResolver`).
    let dnsMicroseconds = Mutex<Int64?>(nil)

    // MARK: Stamps (event loop)

    func connectStarted(at time: NIODeadline) {
        readings.withLock { readings in
            if readings.connectStartedAt == nil { readings.connectStartedAt = time }
            readings.connectAttempts += 1
        }
    }

    func becameActive(at time: NIODeadline, kernelHandshakeMicroseconds: Int64?) {
        readings.withLock { readings in
            // A losing happy-eyeballs attempt that connects later is closed; the winner was first.
            guard readings.activeAt == nil else { return }
            readings.activeAt = time
            readings.kernelHandshakeMicroseconds = kernelHandshakeMicroseconds
        }
    }

    func wrote(at time: NIODeadline) {
        readings.withLock { if $0.firstWriteAt == nil { $0.firstWriteAt = time } }
    }

    func read(at time: NIODeadline) {
        readings.withLock { $0.lastReadAt = time }
    }

    // MARK: Figures

    /// When the connection became usable, as the event loop saw it.
    var activeAt: NIODeadline? { readings.withLock { $0.activeAt } }

    /// The TCP connect: from the first `connect()` call to the handshake's completion.
    ///
    /// The kernel timed the handshake itself (SYN to SYN-ACK) when it could: that figure cannot include the event
    /// loop being busy when the connection completed. Otherwise (a retransmitted SYN, several happy-eyeballs
    /// attempts, another platform) it is the time between the two stamps on the event loop.
    var connectMicroseconds: Int64? {
        readings.withLock { readings in
            guard let start = readings.connectStartedAt, let active = readings.activeAt else { return nil }
            let wall = TCPText.microseconds(from: start, to: active)
            if readings.connectAttempts == 1, let kernel = readings.kernelHandshakeMicroseconds, kernel <= wall { return kernel }
            return wall
        }
    }

    /// Starts a new exchange: the next write is its first.
    func beginExchange() {
        readings.withLock { $0.firstWriteAt = nil }
    }

    /// From the exchange's first write to the last read so far: a request and its whole answer, both stamped on the
    /// event loop, whatever the task awaiting them was doing meanwhile.
    var exchangeMicroseconds: Int64? {
        readings.withLock { readings in
            guard let first = readings.firstWriteAt, let last = readings.lastReadAt, last >= first else { return nil }
            return TCPText.microseconds(from: first, to: last)
        }
    }
}
