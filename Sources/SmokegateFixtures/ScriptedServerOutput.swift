import Foundation
import Synchronization

/// The lines a scripted server printed, read by a thread of their own so the pipe never fills up.
final class ScriptedServerOutput: Sendable {
    private struct State {
        var lines: [String] = []
        var partial: [UInt8] = []
        var ended = false
    }

    private let state = Mutex(State())

    /// Starts reading `handle` until end of file.
    init(reading handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                append(data)
                if data.isEmpty { return }
            }
        }
    }

    /// Every complete line so far, and whether the output has ended.
    var snapshot: (lines: [String], ended: Bool) {
        state.withLock { ($0.lines, $0.ended) }
    }

    private func append(_ data: Data) {
        state.withLock { state in
            state.partial.append(contentsOf: data)
            while let newline = state.partial.firstIndex(of: 0x0A) {
                state.lines.append(String(decoding: state.partial[..<newline], as: UTF8.self))
                state.partial.removeSubrange(...newline)
            }
            state.ended = data.isEmpty
        }
    }
}
