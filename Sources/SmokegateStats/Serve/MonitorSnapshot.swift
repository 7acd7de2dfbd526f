import Foundation
import SmokegateModel

/// Everything `serve` knows at one moment, copied out so the status API, the metrics and the page are built from
/// one consistent picture while probing goes on.
public struct MonitorSnapshot: Sendable {
    /// The last attempt to load a new configuration.
    public struct Reload: Sendable, Hashable {
        public var at: Date
        public var succeeded: Bool
        /// The problems of a failed attempt, `file:line:column: message` each; the previous configuration still runs.
        public var errors: [String]

        public init(at: Date, succeeded: Bool, errors: [String]) {
            self.at = at
            self.succeeded = succeeded
            self.errors = errors
        }
    }

    public var takenAt: Date
    public var startedAt: Date
    /// The suites' files and when they were loaded.
    public var files: [String]
    public var loadedAt: Date
    public var lastReload: Reload?
    public var reloadFailures: UInt64
    /// Scheduling runs (false before the first start and while shutting down).
    public var running: Bool
    /// Targets in suite order: each check in each environment it runs in.
    public var targets: [MonitoredTarget]
    /// The suite whose gates `/api/v1/verdict` evaluates, and the environments in order.
    public var suite: Suite

    public init(takenAt: Date, startedAt: Date, files: [String], loadedAt: Date, lastReload: Reload?, reloadFailures: UInt64, running: Bool,
                targets: [MonitoredTarget], suite: Suite) {
        self.takenAt = takenAt
        self.startedAt = startedAt
        self.files = files
        self.loadedAt = loadedAt
        self.lastReload = lastReload
        self.reloadFailures = reloadFailures
        self.running = running
        self.targets = targets
        self.suite = suite
    }
}
