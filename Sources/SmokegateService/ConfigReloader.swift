import Logging
import SmokegateCore
import SmokegateModel

/// Reloads the configuration for SIGHUP and `POST /-/reload`: loads and validates it first; a configuration that
/// loads replaces the running one (targets that did not change keep their state), one that does not leaves the
/// running one alone, and its problems go to the log, `/api/v1/status` and the reload metric.
///
/// Reloads run one at a time, in the order asked, so the last one asked for is the one that stays.
public actor ConfigReloader {
    /// Loads the configuration from where it came from the first time, or throws every problem with it.
    public typealias Load = @Sendable () async throws(ConfigErrors) -> Suite

    private let monitor: UptimeMonitor
    private let tags: [String]
    private let load: Load
    private let logger: Logger
    private let onReload: @Sendable (Suite) -> Void
    private var last: Task<ReloadOutcome, Never>?

    /// `tags` select the checks as `--tag` did at start; `logger` hears every outcome; `onReload` every configuration
    /// swapped in (the alerts' routing follows it).
    public init(monitor: UptimeMonitor, tags: [String], logger: Logger, onReload: @escaping @Sendable (Suite) -> Void = { _ in }, load: @escaping Load) {
        self.onReload = onReload
        self.monitor = monitor
        self.tags = tags
        self.load = load
        self.logger = logger
    }

    /// Loads, validates and swaps in the configuration; `trigger` (`SIGHUP`, `POST /-/reload`) is logged.
    public func reload(trigger: String) async -> ReloadOutcome {
        let previous = last
        let (monitor, tags, load, logger, onReload) = (self.monitor, self.tags, self.load, self.logger, self.onReload)
        let task = Task {
            _ = await previous?.value
            do throws(ConfigErrors) {
                let suite = try await load()
                monitor.reload(suite, tags: tags)
                onReload(suite)
                logger.info("configuration reloaded (\(trigger)) from \(suite.files.count) file\(suite.files.count == 1 ? "" : "s")",
                            metadata: ["trigger": "\(trigger)", "files": .array(suite.files.map { .string($0) })])
                return ReloadOutcome.reloaded(files: suite.files)
            } catch {
                let problems = error.errors.map(\.description)
                monitor.reloadFailed(problems)
                logger.error("configuration reload (\(trigger)) refused, the previous configuration still runs: \(problems.joined(separator: "; "))",
                             metadata: ["trigger": "\(trigger)", "errors": .array(problems.map { .string($0) })])
                return ReloadOutcome.failed(problems)
            }
        }
        last = task
        return await task.value
    }
}
