import Foundation
import SmokegateModel

/// `probing… 125/400` on standard error, redrawn in place, only when a person watches a terminal.
enum ProgressLine {
    /// The progress callback for a run: nothing when `quiet` or standard error is not a terminal.
    static func shown(unless quiet: Bool) -> @Sendable (Sample, Int, Int) -> Void {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return { _, _, _ in } }
        return { _, done, total in
            guard done == total || done % 25 == 0 else { return }
            FileHandle.standardError.write(Data((done == total ? "\r\u{1B}[2K" : "\r\u{1B}[2Kprobing… \(done)/\(total)").utf8))
        }
    }
}
