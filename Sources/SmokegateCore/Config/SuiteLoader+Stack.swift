import Foundation
import Synchronization

extension SuiteLoader {
    /// Stack for loading: composing YAML recurses once per level of nesting, and libyaml allows 1000 levels, which
    /// overflow the 512 KiB of a secondary (or Swift concurrency) thread on macOS; 8 MiB is Linux's default.
    static let stackSize = 8 << 20

    /// The outcome of a load, handed from the loading thread to the caller.
    private final class Outcome: Sendable {
        let value = Mutex<Result<Suite, ConfigErrors>?>(nil)
    }

    /// Loads the suites at `paths` (files, or directories of `*.yml` / `*.yaml`), on a thread of its own with a
    /// stack deep enough for any YAML the parser accepts; the caller waits for it.
    public static func load(paths: [String], options: LoadOptions = LoadOptions()) throws(ConfigErrors) -> Suite {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let result: Result<Suite, ConfigErrors>
            do throws(ConfigErrors) {
                result = .success(try loadOnCurrentThread(paths: paths, options: options))
            } catch {
                result = .failure(error)
            }
            outcome.value.withLock { $0 = result }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        guard let result = outcome.value.withLock({ $0 }) else {
            // Unreachable (the thread stores its result before signalling), but loading here beats trapping.
            return try loadOnCurrentThread(paths: paths, options: options)
        }
        return try result.get()
    }
}
