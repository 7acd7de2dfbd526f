import Foundation
import Synchronization

/// Everything a subprocess writes to one pipe, read by a thread of its own so a tool that writes a lot (or
/// waits to be read) never blocks, and the cooperative pool is never blocked reading.
final class OutputBuffer: Sendable {
    private let state = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))

    /// Starts reading `handle` until end of file.
    /// The thread keeps the buffer alive until end of file.
    init(reading handle: FileHandle) {
        Thread { self.read(handle) }.start()
    }

    private func read(_ handle: FileHandle) {
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty {
                state.withLock { $0.closed = true }
                return
            }
            state.withLock { $0.bytes += chunk }
        }
    }

    /// What was read so far, as UTF-8 (invalid bytes replaced).
    var text: String { String(decoding: state.withLock { $0.bytes }, as: UTF8.self) }

    /// The complete lines read so far, without their newlines.
    var lines: [String] {
        let text = self.text
        guard let end = text.lastIndex(of: "\n") else { return [] }
        return text[..<end].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// True once the writer closed the pipe (normally: the process exited).
    var isClosed: Bool { state.withLock { $0.closed } }
}
