import Foundation
import Logging
import SmokegateCore
import SmokegateModel
import SmokegateStats
import SmokegateVerdict

/// One log line per change of a target's state: a window opened (with its reason and first failure), a window
/// closed (with its length), a new version. The texts come from samples the engine has already redacted.
public struct StateChangeLog: Sendable {
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs `event`; `UptimeMonitor`'s `events` callback.
    public func record(_ event: UptimeMonitor.Event) {
        let key = event.key
        var metadata: Logger.Metadata = ["suite": "\(key.suite)", "check": "\(key.check)", "environment": "\(key.environment)"]
        switch event.change {
        case .wentDown(let window):
            metadata["state"] = "down"
            metadata["reason"] = "\(window.firstReason.rawValue)"
            metadata["since"] = "\(Timestamp.iso8601(window.start))"
            logger.warning("\(key) down: \(window.firstReason.rawValue): \(window.firstMessage)", metadata: metadata)
        case .cameUp(let window):
            let length = (window.end ?? window.start).timeIntervalSince(window.start)
            metadata["state"] = "up"
            metadata["down_seconds"] = "\((length * 1000).rounded() / 1000)"
            metadata["failed_probes"] = "\(window.failedProbes)"
            metadata["since"] = "\(Timestamp.iso8601(window.end ?? window.start))"
            let probes = "\(window.failedProbes) failed probe\(window.failedProbes == 1 ? "" : "s")"
            logger.info("\(key) up again after \(DurationText.format(microseconds: length * 1_000_000)) down (\(probes), first \(window.firstReason.rawValue))",
                        metadata: metadata)
        case .version(let from, let to, let at):
            metadata["version"] = "\(to)"
            if let from { metadata["previous_version"] = "\(from)" }
            metadata["since"] = "\(Timestamp.iso8601(at))"
            logger.info("\(key) answers with version \(to)\(from.map { " (was \($0))" } ?? "")", metadata: metadata)
        }
    }
}
