import Foundation
import SmokegateModel

extension SuiteLoader {
    /// Stack for loading: composing YAML recurses once per level of nesting, and libyaml allows 1000 levels, which
    /// overflow the 512 KiB of a secondary (or Swift concurrency) thread on macOS; 8 MiB is Linux's default.
    static let stackSize = 8 << 20

    /// Loads the suites at `paths` (files, or directories of `*.yml` / `*.yaml`) on a thread of its own, with a
    /// stack deep enough for any YAML the parser accepts. The calling task is suspended meanwhile, never blocked: a
    /// blocked task would hold one of the few threads every other task (and every probe) needs.
    public static func load(paths: [String], options: LoadOptions = LoadOptions()) async throws(ConfigErrors) -> Suite {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Suite, ConfigErrors>, Never>) in
            let thread = Thread {
                do throws(ConfigErrors) {
                    continuation.resume(returning: .success(try loadOnCurrentThread(paths: paths, options: options)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.stackSize = stackSize
            thread.start()
        }
        return try result.get()
    }
}
