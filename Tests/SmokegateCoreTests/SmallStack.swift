import Foundation

/// Runs work on a thread with a chosen stack, as small as the CLI's async commands get on macOS (512 KiB),
/// without blocking a cooperative thread while it runs.
enum SmallStack {
    static func run<T: Sendable>(stackSize: Int, _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = stackSize
            thread.start()
        }
    }
}
