import NIOCore
import Synchronization

/// The open connections of one fixture server, so shutdown can close them all, hanging ones included.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var isShutDown = false
    }

    private let state = Mutex(State())
    private let requests = Atomic<Int>(0)

    /// How many complete requests have arrived so far.
    var requestCount: Int { requests.load(ordering: .relaxed) }

    func countRequest() {
        requests.add(1, ordering: .relaxed)
    }

    /// Tracks `channel` until it closes; `false` once shutdown has begun, and the caller must refuse it.
    func register(_ channel: any Channel) -> Bool {
        let accepted = state.withLock { state in
            guard !state.isShutDown else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
        if accepted {
            channel.closeFuture.whenComplete { [self] _ in
                _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }
        return accepted
    }

    /// Marks the registry shut down and hands back the connections still open; `nil` if it already was.
    ///
    /// Flag and snapshot are taken under one lock, so a connection accepted meanwhile is either
    /// in the snapshot or refused by `register`, never missed.
    func beginShutdown() -> [any Channel]? {
        state.withLock { state in
            guard !state.isShutDown else { return nil }
            state.isShutDown = true
            return Array(state.channels.values)
        }
    }

    /// Closes every channel and waits until each has closed.
    static func closeAll(_ channels: [any Channel]) async {
        for channel in channels {
            channel.close(promise: nil)
        }
        for channel in channels {
            // A channel already closing fails `close` with alreadyClosed; its closeFuture still tells when it is done.
            try? await channel.closeFuture.get()
        }
    }
}
