import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on every SIGHUP, as daemons do, until the service group shuts down.
///
/// The signal is trapped when this is made, before the group starts, so a SIGHUP sent as soon as the service
/// says it listens is never lost (nor, untrapped, fatal: SIGHUP's default action ends the process).
public struct HangupReloadService: Service, CustomStringConvertible {
    private let signals: UnixSignalsSequence
    private let reload: @Sendable () async -> Void

    private init(signals: UnixSignalsSequence, reload: @escaping @Sendable () async -> Void) {
        self.signals = signals
        self.reload = reload
    }

    /// Traps SIGHUP now; `reload` runs once per signal, one at a time, while the service runs.
    public static func trapping(reload: @escaping @Sendable () async -> Void) async -> HangupReloadService {
        HangupReloadService(signals: await UnixSignalsSequence(trapping: .sighup), reload: reload)
    }

    public func run() async throws {
        for try await _ in signals.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    public var description: String { "SIGHUP reload" }
}
