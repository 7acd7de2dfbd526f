import Dispatch
import Foundation
import SmokegateVerdict
import SmokegateVocabulary
import Synchronization

/// Turns SIGINT / SIGTERM into an orderly stop: the first cancels the run so reports are still written,
/// a second SIGINT exits at once.
public final class SignalWatcher: Sendable {
    /// Behind a lock only to be Sendable: the array is written once in `init` and read in `cancel`.
    private let sources: Mutex<[any DispatchSourceSignal]>
    private let state: FirstSignal

    /// Starts watching; `onFirstSignal` runs once, on a dispatch queue, with the signal that arrived.
    public init(onFirstSignal: @escaping @Sendable (Interruption) -> Void) {
        let queue = DispatchQueue(label: "smokegate.signals")
        var sources: [any DispatchSourceSignal] = []
        let state = FirstSignal()
        for (number, interruption) in [(SIGINT, Interruption.sigint), (SIGTERM, .sigterm)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let now = ContinuousClock.now
                let (first, since) = state.value.withLock { current -> (Bool, Duration?) in
                    guard let existing = current else {
                        current = (interruption, now)
                        return (true, nil)
                    }
                    return (false, now - existing.at)
                }
                if first {
                    onFirstSignal(interruption)
                } else if interruption == .sigint, let since, since >= Self.duplicateWindow {
                    // The user asked twice: stop now, without reports.
                    _exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = Mutex(sources)
        self.state = state
    }

    /// A SIGINT this soon after the first is the same request delivered twice (`timeout -s INT` signals the
    /// process and then its group), not a person pressing Ctrl-C again.
    static let duplicateWindow: Duration = .milliseconds(100)

    /// The first signal received, if any.
    public var received: Interruption? { state.value.withLock { $0?.signal } }

    /// Stops watching and restores the default dispositions.
    public func cancel() {
        sources.withLock { for source in $0 { source.cancel() } }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// The first signal seen, shared between the watcher and its handlers.
private final class FirstSignal: Sendable {
    let value = Mutex<(signal: Interruption, at: ContinuousClock.Instant)?>(nil)
}
